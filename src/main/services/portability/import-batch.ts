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
 * Opens an import's batch, the same for clients and appointments: the batch row first (every
 * imported row points at it, so undo can take the import back), marked in progress until
 * finishImportBatch (migration 1310: the rows go in by chunks, and a batch left in progress
 * is taken back, see rollBackImport). `planned`: the rows about to be written.
 */
export async function startImportBatch(
  db: Kysely<DB>,
  kind: 'clients' | 'appointments',
  batch: ImportBatchInfo,
  planned: number,
  actor: AuditActor,
  now: Date,
): Promise<void> {
  await db
    .insertInto('import_batches')
    .values({
      id: batch.id,
      kind,
      file_name: batch.fileName,
      preset: batch.preset,
      created_count: planned,
      skipped_count: batch.skipped,
      at: now.toISOString(),
      by: actor.userId,
      in_progress: 1,
    })
    .execute()
}

/**
 * Closes a batch once its last row is in: no longer in progress, with the count it created
 * and one `imports.run` audit entry, in one transaction.
 */
export async function finishImportBatch(
  db: Kysely<DB>,
  kind: 'clients' | 'appointments',
  batch: ImportBatchInfo,
  created: number,
  actor: AuditActor,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('import_batches')
      .set({ in_progress: 0, created_count: created })
      .where('id', '=', batch.id)
      .execute()
    await writeAudit(
      trx,
      actor,
      {
        action: 'imports.run',
        entityType: 'import_batch',
        entityId: batch.id,
        summary: `Imported ${created} ${kind} from ${batch.fileName}; ${batch.skipped} rows skipped`,
      },
      now,
    )
  })
}
