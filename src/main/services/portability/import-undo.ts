import type { Kysely, Selectable } from 'kysely'
import { removeClientDocuments } from '../../db/fts/clients-index'
import type { ImportBatch } from '../../../shared/contract/imports'
import type { DB, ImportBatchesTable } from '../../db/schema'
import { writeAudit, type AuditActor } from '../audit'
import { DomainError } from '../domain-error'
import { appointmentUndoBlockers, clientUndoBlockers } from './import-undo-blockers'

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
  const rows = await db
    .selectFrom('import_batches')
    .selectAll()
    .where('in_progress', '=', 0)
    .orderBy('at', 'desc')
    .execute()
  return rows.map(toBatch)
}

/**
 * Takes a whole import back: deletes the clients or appointments it created. Refused, with
 * what is in the way, once anything refers to them since (alerts, appointments, notes,
 * invoices...) or they were changed or merged, so an undo never throws away work done since.
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
  if (batch.in_progress) throw new DomainError('conflict', 'That import is still being written.')
  if (batch.kind === 'appointments') await undoAppointments(db, batchId)
  else await undoClients(db, batchId)
  await db
    .updateTable('import_batches')
    .set({ undone_at: now.toISOString(), undone_by: userId })
    .where('id', '=', batchId)
    .execute()
  return toBatch({ ...batch, undone_at: now.toISOString(), undone_by: userId })
}

/** Refuses an undo with every reason found, before anything is deleted. */
function refuseIf(reasons: string[], what: string): void {
  if (reasons.length === 0) return
  throw new DomainError(
    'conflict',
    `This ${what} import cannot be undone as a whole: ${reasons.join('; ')}.`,
  )
}

/**
 * The appointments an import created, unless any has been worked on since: changed in the
 * diary (which moves its updated_at), or referred to by anything but its own history (a
 * note, an invoice, a package session, a message...): see appointmentUndoBlockers.
 */
async function undoAppointments(db: Kysely<DB>, batchId: string): Promise<void> {
  refuseIf(await appointmentUndoBlockers(db, batchId), 'appointments')
  const inBatch = db.selectFrom('appointments').select('id').where('import_batch_id', '=', batchId)
  await db.deleteFrom('appointment_history').where('appointment_id', 'in', inBatch).execute()
  await db.deleteFrom('appointments').where('import_batch_id', '=', batchId).execute()
}

/** The clients an import created, unless anything refers to them since (clientUndoBlockers). */
async function undoClients(db: Kysely<DB>, batchId: string): Promise<void> {
  refuseIf(await clientUndoBlockers(db, batchId), 'clients')
  const inBatch = db.selectFrom('clients').select('id').where('import_batch_id', '=', batchId)
  await removeClientDocuments(db, inBatch)
  await db.deleteFrom('clients').where('import_batch_id', '=', batchId).execute()
}

/**
 * Takes back an import that did not finish (a chunk failed, or the app stopped mid-import:
 * its batch is still in progress, migration 1310), so an import stays whole or absent. In
 * one transaction: the rows it wrote go as undo takes them, the batch row goes, and one
 * `imports.failed` entry says so (the per-row audit entries already written stay: the audit
 * log is append-only). If staff have worked on some of its rows since (undo's rules), they
 * are kept instead: the batch is closed with the count actually written, so it lists, and
 * undo refuses it as it would any batch in that state.
 *
 * @returns how many rows were taken back, or kept when `removed` is false
 */
export async function rollBackImport(
  db: Kysely<DB>,
  batchId: string,
  actor: AuditActor,
  now: Date,
): Promise<{ removed: boolean; rows: number }> {
  return db.transaction().execute(async (trx) => {
    const batch = await trx
      .selectFrom('import_batches')
      .selectAll()
      .where('id', '=', batchId)
      .executeTakeFirst()
    if (!batch) return { removed: true, rows: 0 }
    const table = batch.kind === 'appointments' ? 'appointments' : 'clients'
    const { n } = await trx
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('import_batch_id', '=', batchId)
      .executeTakeFirstOrThrow()
    let removed = true
    try {
      if (batch.kind === 'appointments') await undoAppointments(trx, batchId)
      else await undoClients(trx, batchId)
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'conflict') throw error
      removed = false
    }
    if (removed) await trx.deleteFrom('import_batches').where('id', '=', batchId).execute()
    else {
      await trx
        .updateTable('import_batches')
        .set({ in_progress: 0, created_count: Number(n) })
        .where('id', '=', batchId)
        .execute()
    }
    await writeAudit(
      trx,
      actor,
      {
        action: 'imports.failed',
        entityType: 'import_batch',
        entityId: batchId,
        summary: removed
          ? `The import from ${batch.file_name} stopped part way; the ${n} ${batch.kind} it had written were taken back`
          : `The import from ${batch.file_name} stopped part way; the ${n} ${batch.kind} it had written were kept (staff had worked on some of them)`,
      },
      now,
    )
    return { removed, rows: Number(n) }
  })
}

/** At opening: every import still in progress (the app stopped mid-way) taken back. */
export async function rollBackUnfinishedImports(
  db: Kysely<DB>,
  actor: AuditActor,
  now: Date,
): Promise<number> {
  const unfinished = await db
    .selectFrom('import_batches')
    .select('id')
    .where('in_progress', '=', 1)
    .execute()
  for (const { id } of unfinished) await rollBackImport(db, id, actor, now)
  return unfinished.length
}
