import type { LinkedInsert, PlainRow } from '../../db/linked-insert'
import type { Actor } from '../actor'
import type { AuditActor } from '../audit'
import { columnsFrom } from '../clients/client-record'
import { searchDocument } from '../clients/normalise'
import type { CheckedRow } from './import-client-check'
import type { ImportBatchInfo } from './import-batch'

// Stage 3 of a clients import, writing: each checked row as plain rows (the client, its
// search document, its audit entry) for import-write.ts to write in chunks off main.

/**
 * One imported client as a linked insert: the `clients` row under the batch (which
 * `imports.undo` can take back), its `clients_search` document, and one audit row, so each
 * client's own history says where the record came from (the timeline reads the audit rows
 * of its client). The ids are filled in by whoever writes it (linked-insert.ts).
 */
export function clientImportItem(
  row: CheckedRow,
  batch: ImportBatchInfo,
  actor: AuditActor,
  staff: Actor,
  now: Date,
): LinkedInsert['items'][number] {
  const at = now.toISOString()
  const columns = columnsFrom(row.client, null, staff, now)
  const client: PlainRow = {
    ...(columns as PlainRow),
    created_at: at,
    created_by: actor.userId,
    import_batch_id: batch.id,
    import_ref: row.importRef,
    archived_at: row.archivedAt,
    archived_by: row.archivedAt ? actor.userId : null,
  }
  return {
    row: client,
    linked: [
      { table: 'clients_search', idColumn: 'rowid', row: { ...searchDocument(columns) } },
      {
        table: 'audit_log',
        idColumn: 'entity_id',
        row: {
          at,
          user_id: actor.userId,
          username: actor.username,
          action: 'clients.imported',
          entity_type: 'client',
          summary: `Imported from ${batch.fileName} (line ${row.line})`,
          workstation: actor.workstation,
        },
      },
    ],
  }
}
