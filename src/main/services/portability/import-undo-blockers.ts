import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import { batchRowsReferredBy, foreignKeysTo } from '../../db/table-rows'

// What stands in the way of undoing an import, found before anything is deleted. A user trial
// took payment for an imported appointment, then Undo import said "That refers to a record
// that does not exist": the undo had checked notes and changes only, and the invoice line's
// foreign key failed on the delete. The tables that refer to imported rows are read from the
// schema's foreign keys, so a table added later stops the undo too, with a plain reason.

/** "3 imported appointments have" / "1 imported client has". */
function subject(count: number, noun: 'appointment' | 'client'): string {
  return count === 1 ? `1 imported ${noun} has` : `${count} imported ${noun}s have`
}

/** What a referring table means for an imported appointment (after "3 … have"). */
const APPOINTMENT_LINKS: Record<string, string> = {
  notes: 'treatment notes written on them',
  package_sessions: 'used sessions from a package',
  messages: 'had messages sent or queued about them',
  client_measures: 'measures recorded against them',
}

/** What a referring table means for an imported client (after "3 … have"). */
const CLIENT_LINKS: Record<string, string> = {
  client_alerts: 'had medical alerts added',
  health_questionnaires: 'a health questionnaire',
  waitlist: 'been put on the waiting list',
  notes: 'treatment notes',
  invoices: 'invoices',
  credit_notes: 'credit notes',
  ledger_entries: 'payments or account entries',
  gift_vouchers: 'gift vouchers',
  client_packages: 'bought packages',
  package_sessions: 'package sessions',
  messages: 'had messages sent or queued',
  client_measures: 'measures recorded',
  client_documents: 'documents kept',
  client_merges: 'been merged',
  clients: 'had other records merged into them',
}

/**
 * Why an appointments import cannot be undone, one reason per kind of work done since, or []
 * when nothing refers to its appointments but their own change history (which the undo
 * removes with them). Billed appointments name their invoices (issued ones are kept for
 * the tax records, so those appointments must stay).
 */
export async function appointmentUndoBlockers(db: Kysely<DB>, batchId: string): Promise<string[]> {
  const reasons: string[] = []
  const changed = await db
    .selectFrom('appointments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('import_batch_id', '=', batchId)
    .where((eb) =>
      eb.or([
        eb('updated_at', '!=', eb.ref('created_at')),
        // A change in the same instant as the import leaves updated_at as it was: the
        // history line it wrote says so anyway (the import writes 'imported' and its own
        // 'override' lines only).
        eb.exists(
          eb
            .selectFrom('appointment_history as h')
            .select('h.id')
            .whereRef('h.appointment_id', '=', 'appointments.id')
            .where('h.action', '!=', 'imported')
            .where((h) =>
              h.or([
                h('h.action', '!=', 'override'),
                h('h.summary', 'not like', 'Imported outside the rules:%'),
              ]),
            ),
        ),
      ]),
    )
    .executeTakeFirstOrThrow()
  if (changed.n > 0) {
    reasons.push(
      `${subject(changed.n, 'appointment')} been changed in the diary since (moved, cancelled, arrived or completed)`,
    )
  }
  for (const ref of await foreignKeysTo(db, 'appointments')) {
    if (ref.table === 'appointment_history') continue
    const ids = await batchRowsReferredBy(db, ref.table, ref.column, 'appointments', batchId)
    if (ids.length === 0) continue
    if (ref.table === 'invoice_lines') {
      reasons.push(await billedReason(db, ids))
      continue
    }
    const what = APPOINTMENT_LINKS[ref.table] ?? `${ref.table.replaceAll('_', ' ')} records`
    reasons.push(`${subject(ids.length, 'appointment')} ${what}`)
  }
  return reasons
}

async function billedReason(db: Kysely<DB>, appointmentIds: number[]): Promise<string> {
  const invoices = await db
    .selectFrom('invoice_lines as l')
    .innerJoin('invoices as i', 'i.id', 'l.invoice_id')
    .select(['i.number', 'i.status'])
    .distinct()
    .where('l.appointment_id', 'in', appointmentIds)
    .orderBy('i.number')
    .execute()
  const numbers = invoices.filter((i) => i.status === 'issued' && i.number).map((i) => i.number!)
  const drafts = invoices.length - numbers.length
  const named = [
    ...numbers.slice(0, 5),
    ...(numbers.length > 5 ? [`${numbers.length - 5} more`] : []),
    ...(drafts > 0 ? [drafts === 1 ? 'a draft invoice' : `${drafts} draft invoices`] : []),
  ].join(', ')
  const n = appointmentIds.length
  const advice =
    numbers.length > 0
      ? 'an issued invoice is kept for the tax records, so those appointments stay: correct them in the diary instead'
      : 'delete the draft first'
  return `${subject(n, 'appointment')} since been billed or paid (${named}); ${advice}`
}

/**
 * Why a clients import cannot be undone, or [] when nothing refers to its clients. Their
 * appointments from a later appointments import (not undone) say which import to undo first.
 */
export async function clientUndoBlockers(db: Kysely<DB>, batchId: string): Promise<string[]> {
  const reasons: string[] = []
  for (const ref of await foreignKeysTo(db, 'clients')) {
    const ids = await batchRowsReferredBy(db, ref.table, ref.column, 'clients', batchId)
    if (ids.length === 0) continue
    if (ref.table === 'appointments') {
      reasons.push(...(await appointmentReasons(db, batchId)))
      continue
    }
    const what = CLIENT_LINKS[ref.table] ?? `${ref.table.replaceAll('_', ' ')} records`
    reasons.push(`${subject(ids.length, 'client')} ${what} since`)
  }
  const mergedAway = await db
    .selectFrom('clients')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('import_batch_id', '=', batchId)
    .where('merged_into_id', 'is not', null)
    .executeTakeFirstOrThrow()
  if (mergedAway.n > 0) {
    reasons.push(`${subject(mergedAway.n, 'client')} been merged into other records since`)
  }
  return [...new Set(reasons)]
}

/** The imported clients' appointments: by the later import that brought them, or booked. */
async function appointmentReasons(db: Kysely<DB>, batchId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('appointments as a')
    .innerJoin('clients as c', 'c.id', 'a.client_id')
    .leftJoin('import_batches as b', 'b.id', 'a.import_batch_id')
    .select(['a.client_id', 'b.file_name', 'b.at'])
    .where('c.import_batch_id', '=', batchId)
    .execute()
  const byImport = new Map<string, Set<number>>()
  const booked = new Set<number>()
  for (const r of rows) {
    if (r.file_name) {
      const label = `${r.file_name} (${r.at!.slice(0, 10).split('-').reverse().join('/')})`
      byImport.set(label, (byImport.get(label) ?? new Set()).add(r.client_id))
    } else booked.add(r.client_id)
  }
  const reasons = [...byImport].map(
    ([label, clients]) =>
      `${subject(clients.size, 'client')} appointments imported later from ${label}: undo that appointments import first`,
  )
  if (booked.size > 0) reasons.push(`${subject(booked.size, 'client')} appointments booked since`)
  return reasons
}
