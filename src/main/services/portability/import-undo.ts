import type { Kysely, Selectable } from 'kysely'
import { removeClientDocuments } from '../../db/fts/clients-index'
import type { ImportBatch } from '../../../shared/contract/imports'
import type { DB, ImportBatchesTable } from '../../db/schema'
import { CLIENT_OWNED_TABLES } from '../clients/merge'
import { DomainError } from '../domain-error'

function toBatch(row: Selectable<ImportBatchesTable>): ImportBatch {
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.file_name,
    preset: row.preset,
    created: row.created_count,
    skipped: row.skipped_count,
    at: row.at,
    undoneAt: row.undone_at,
  }
}

export async function listBatches(db: Kysely<DB>): Promise<ImportBatch[]> {
  const rows = await db.selectFrom('import_batches').selectAll().orderBy('at', 'desc').execute()
  return rows.map(toBatch)
}

/**
 * Takes a whole import back: deletes the clients it created. Refused once any of them has
 * gained anything staff entered (alerts, a questionnaire, later appointments or notes) or
 * was merged, so an undo never throws away work done since.
 */
export async function undoImport(
  db: Kysely<DB>,
  batchId: string,
  userId: number | null,
  now: Date,
): Promise<ImportBatch> {
  const batch = await db
    .selectFrom('import_batches')
    .selectAll()
    .where('id', '=', batchId)
    .executeTakeFirst()
  if (!batch) throw new DomainError('not_found', 'That import is not known.')
  if (batch.undone_at) throw new DomainError('conflict', 'That import has already been undone.')
  if (batch.kind === 'appointments') await undoAppointments(db, batchId)
  else await undoClients(db, batchId)
  await db
    .updateTable('import_batches')
    .set({ undone_at: now.toISOString(), undone_by: userId })
    .where('id', '=', batchId)
    .execute()
  return toBatch({ ...batch, undone_at: now.toISOString(), undone_by: userId })
}

/**
 * The appointments an import created, unless any has been worked on since: a note written
 * for it, or a change in the diary (arrived, moved, cancelled), which moves its updated_at.
 */
async function undoAppointments(db: Kysely<DB>, batchId: string): Promise<void> {
  const inBatch = db.selectFrom('appointments').select('id').where('import_batch_id', '=', batchId)
  const noted = await db
    .selectFrom('notes')
    .select('id')
    .where('appointment_id', 'in', inBatch)
    .limit(1)
    .executeTakeFirst()
  const changed = await db
    .selectFrom('appointments')
    .select('id')
    .where('import_batch_id', '=', batchId)
    .whereRef('updated_at', '!=', 'created_at')
    .limit(1)
    .executeTakeFirst()
  if (noted || changed) {
    throw new DomainError(
      'conflict',
      'Some imported appointments have been changed or have notes since, so the import cannot be undone as a whole.',
    )
  }
  await db.deleteFrom('appointment_history').where('appointment_id', 'in', inBatch).execute()
  await db.deleteFrom('appointments').where('import_batch_id', '=', batchId).execute()
}

async function undoClients(db: Kysely<DB>, batchId: string): Promise<void> {
  const inBatch = db.selectFrom('clients').select('id').where('import_batch_id', '=', batchId)
  for (const { table, column } of CLIENT_OWNED_TABLES) {
    const used = await db
      .selectFrom(table as 'client_alerts')
      .select(column as 'client_id')
      .where(column as 'client_id', 'in', inBatch)
      .limit(1)
      .executeTakeFirst()
    if (used) {
      throw new DomainError(
        'conflict',
        'Some imported clients have had records added since (e.g. alerts or a questionnaire), so the import cannot be undone as a whole.',
      )
    }
  }
  const merged = await db
    .selectFrom('clients')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('import_batch_id', '=', batchId), eb('merged_into_id', 'is not', null)]),
        eb('merged_into_id', 'in', inBatch),
      ]),
    )
    .limit(1)
    .executeTakeFirst()
  if (merged) {
    throw new DomainError(
      'conflict',
      'Some imported clients have been merged since, so the import cannot be undone as a whole.',
    )
  }
  await removeClientDocuments(db, inBatch)
  await db.deleteFrom('clients').where('import_batch_id', '=', batchId).execute()
}
