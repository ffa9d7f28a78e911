import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import { writeAudit, type AuditActor } from '../audit'

/** One import as `imports.undo` knows it: what the batch row records. */
export interface ImportBatchInfo {
  id: string
  fileName: string
  preset: string
  /** Rows of the file not imported (refused, or duplicates left out). */
  skipped: number
}

/**
 * Opens and closes an import's batch, the same for clients and appointments: the batch row
 * first (every imported row points at it, so undo can take the import back), and at the end
 * one `imports.run` audit entry with the counts. Runs in the import's own transaction.
 */
export async function recordImportBatch(
  db: Kysely<DB>,
  kind: 'clients' | 'appointments',
  batch: ImportBatchInfo,
  created: number,
  actor: AuditActor,
  now: Date,
): Promise<{ close(): Promise<void> }> {
  await db
    .insertInto('import_batches')
    .values({
      id: batch.id,
      kind,
      file_name: batch.fileName,
      preset: batch.preset,
      created_count: created,
      skipped_count: batch.skipped,
      at: now.toISOString(),
      by: actor.userId,
    })
    .execute()
  return {
    close: () =>
      writeAudit(
        db,
        actor,
        {
          action: 'imports.run',
          entityType: 'import_batch',
          entityId: batch.id,
          summary: `Imported ${created} ${kind} from ${batch.fileName}; ${batch.skipped} rows skipped`,
        },
        now,
      ),
  }
}
