import type { Kysely } from 'kysely'
import { bulkInserter, yielder, type RawConnection } from '../../db/bulk-insert'
import { clientDocumentInserter } from '../../db/fts/clients-index'
import type { DB } from '../../db/schema'
import type { Actor } from '../actor'
import type { AuditActor } from '../audit'
import { columnsFrom } from '../clients/client-record'
import { searchDocument } from '../clients/normalise'
import type { CheckedRow } from './import-client-check'
import { recordImportBatch, type ImportBatchInfo } from './import-batch'

// Stage 3 of a clients import, writing: the checked rows in the caller's one transaction
// (the import lands whole or not at all), each client with its search row and an audit row.

/**
 * Writes `rows` as new clients under the batch (which `imports.undo` can take back). The
 * loop lets the event loop turn every 1,000 rows, so the progress bar and other windows'
 * heartbeats are answered during a 50,000-row import; other commands wait for the
 * transaction (one connection), as they must.
 */
export async function writeClientRows(
  db: Kysely<DB>,
  sqlite: RawConnection,
  rows: CheckedRow[],
  batch: ImportBatchInfo,
  actor: AuditActor,
  staff: Actor,
  now: Date,
  progress: (percent: number) => void = () => {},
): Promise<void> {
  const at = now.toISOString()
  const recorded = await recordImportBatch(db, 'clients', batch, rows.length, actor, now)
  const clientRow = (row: CheckedRow) => {
    const columns = columnsFrom(row.client, null, staff, now)
    return {
      columns,
      values: {
        ...columns,
        created_at: at,
        created_by: actor.userId,
        import_batch_id: batch.id,
        import_ref: row.importRef,
        archived_at: row.archivedAt,
        archived_by: row.archivedAt ? actor.userId : null,
      },
    }
  }
  const first = clientRow(rows[0]!)
  const insertClient = bulkInserter(
    sqlite,
    'clients',
    Object.keys(first.values) as (keyof DB['clients'] & string)[],
  )
  const insertSearch = clientDocumentInserter(sqlite)
  // One audit row per client as well as the batch's, so each client's own history says
  // where the record came from (the timeline reads the audit rows of its client).
  const insertAudit = bulkInserter(sqlite, 'audit_log', [
    'at',
    'user_id',
    'username',
    'action',
    'entity_type',
    'entity_id',
    'summary',
    'workstation',
  ])
  const pause = yielder(1000)
  for (const [i, row] of rows.entries()) {
    const { columns, values } = clientRow(row)
    const id = insertClient(values)
    insertSearch(id, searchDocument(columns))
    insertAudit({
      at,
      user_id: actor.userId,
      username: actor.username,
      action: 'clients.imported',
      entity_type: 'client',
      entity_id: String(id),
      summary: `Imported from ${batch.fileName} (line ${row.line})`,
      workstation: actor.workstation,
    })
    const waiting = pause(i)
    if (waiting) {
      progress((i / rows.length) * 99)
      await waiting
    }
  }
  await recorded.close()
}
