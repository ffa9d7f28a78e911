import { sql, type Kysely } from 'kysely'
import type {
  AppointmentPayment,
  ClientAccount,
  OutstandingRow,
} from '../../../shared/contract/money'
import type { DB } from '../../db/schema'
import { requireClient } from '../clients/alerts'
import { listInvoices } from './invoice-read'
import { feeFor } from './fees'
import { creditOf, entriesOf } from './ledger'

/** What a client owes (issued invoices still due) and holds in credit, both derived. */
export async function clientAccount(db: Kysely<DB>, clientId: number): Promise<ClientAccount> {
  await requireClient(db, clientId)
  const { rows } = await listInvoices(db, { status: 'all', clientId, limit: 500, offset: 0 })
  return {
    clientId,
    owesPence: await owedBy(db, clientId),
    creditPence: await creditOf(db, clientId),
    invoices: rows,
    entries: await entriesOf(db, { clientId }),
  }
}

export async function owedBy(db: Kysely<DB>, clientId: number): Promise<number> {
  const r = await sql<{ owes: number }>`
    SELECT coalesce(sum(max(due, 0)), 0) AS owes FROM (
      SELECT i.gross_pence
        - coalesce((SELECT sum(gross_pence) FROM credit_notes WHERE invoice_id = i.id), 0)
        - coalesce((SELECT sum(amount_pence) FROM ledger_entries WHERE invoice_id = i.id), 0) AS due
      FROM invoices i WHERE i.client_id = ${clientId} AND i.status = 'issued')`.execute(db)
  return r.rows[0]!.owes
}

const DAY = 86_400_000

function bucketOf(days: number): OutstandingRow['bucket'] {
  return days <= 30 ? '0-30' : days <= 60 ? '31-60' : days <= 90 ? '61-90' : '90+'
}

/** Issued invoices with something still due, oldest first, aged in days since issue. */
export async function outstanding(
  db: Kysely<DB>,
  now: Date,
  limit: number,
): Promise<{ rows: OutstandingRow[]; totals: Record<string, number> }> {
  const rows = await sql<{
    id: number
    number: string
    client_id: number
    client_name: string
    mobile: string
    other_phone: string
    issued_at: string
    gross_pence: number
    due: number
  }>`
    SELECT * FROM (
      SELECT i.id, i.number, i.client_id, i.client_name, c.mobile, c.other_phone, i.issued_at,
        i.gross_pence, i.gross_pence
          - coalesce((SELECT sum(gross_pence) FROM credit_notes WHERE invoice_id = i.id), 0)
          - coalesce((SELECT sum(amount_pence) FROM ledger_entries WHERE invoice_id = i.id), 0) AS due
      FROM invoices i JOIN clients c ON c.id = i.client_id
      WHERE i.status = 'issued')
    WHERE due > 0 ORDER BY issued_at`.execute(db)
  const totals: Record<string, number> = { '0-30': 0, '31-60': 0, '61-90': 0, '90+': 0 }
  const out: OutstandingRow[] = []
  for (const r of rows.rows) {
    const ageDays = Math.max(0, Math.floor((now.getTime() - Date.parse(r.issued_at)) / DAY))
    const bucket = bucketOf(ageDays)
    totals[bucket]! += r.due
    if (out.length < limit) {
      out.push({
        invoiceId: r.id,
        number: r.number,
        clientId: r.client_id,
        clientName: r.client_name,
        clientPhone: r.mobile || r.other_phone,
        issuedAt: r.issued_at,
        ageDays,
        bucket,
        grossPence: r.gross_pence,
        duePence: r.due,
      })
    }
  }
  return { rows: out, totals }
}

/**
 * Whether appointments are paid. With `therapistUserId`, only that therapist's own
 * appointments are answered (issue 13: therapists see whether their own are paid).
 */
export async function paymentsForAppointments(
  db: Kysely<DB>,
  appointmentIds: number[],
  therapistUserId: number | null,
): Promise<AppointmentPayment[]> {
  let q = db
    .selectFrom('appointments as a')
    .innerJoin('therapists as t', 't.id', 'a.therapist_id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('invoice_lines as l')
          .innerJoin('invoices as i', 'i.id', 'l.invoice_id')
          .select(['l.appointment_id', 'i.id', 'i.number', 'i.status', 'i.gross_pence'])
          .select(
            sql<number>`coalesce((SELECT sum(gross_pence) FROM credit_notes WHERE invoice_id = i.id), 0)`.as(
              'credited',
            ),
          )
          .select(
            sql<number>`coalesce((SELECT sum(amount_pence) FROM ledger_entries WHERE invoice_id = i.id), 0)`.as(
              'paid',
            ),
          )
          .where('l.appointment_id', 'in', appointmentIds)
          .as('x'),
      (join) => join.onRef('x.appointment_id', '=', 'a.id'),
    )
    .select([
      'a.id as appointment_id',
      'a.status as appointment_status',
      'a.late_cancellation',
      'a.cancelled_by',
      'a.price_pence',
      'x.id',
      'x.number',
      'x.status',
      'x.gross_pence',
      'x.credited',
      'x.paid',
    ])
    .where('a.id', 'in', appointmentIds)
    .orderBy('a.id')
    .orderBy('x.id', 'desc')
  if (therapistUserId !== null) q = q.where('t.user_id', '=', therapistUserId)
  const seen = new Map<number, AppointmentPayment>()
  for (const r of await q.execute()) {
    const prior = seen.get(r.appointment_id)
    // The newest invoice that still stands wins (a fully credited one is history).
    if (prior && prior.state !== 'none') continue
    if (r.id === null) {
      const fee = await feeFor(db, {
        status: r.appointment_status,
        late_cancellation: r.late_cancellation,
        cancelled_by: r.cancelled_by,
        price_pence: r.price_pence,
      })
      seen.set(r.appointment_id, { ...none(r.appointment_id), feePence: fee?.pence ?? null })
      continue
    }
    const gross = r.gross_pence ?? 0
    const credited = Number(r.credited ?? 0)
    const due = gross - credited - Number(r.paid ?? 0)
    if (r.status === 'issued' && credited >= gross && gross > 0) {
      if (!prior) seen.set(r.appointment_id, none(r.appointment_id))
      continue
    }
    seen.set(r.appointment_id, {
      appointmentId: r.appointment_id,
      invoiceId: r.id,
      number: r.number,
      state:
        r.status === 'draft'
          ? 'draft'
          : due <= 0
            ? 'paid'
            : due < gross - credited
              ? 'part_paid'
              : 'unpaid',
      grossPence: gross,
      duePence: r.status === 'draft' ? gross : due,
      feePence: null,
      fromPackage: null,
    })
  }
  return [...seen.values()]
}

function none(appointmentId: number): AppointmentPayment {
  return {
    appointmentId,
    invoiceId: null,
    number: null,
    state: 'none',
    grossPence: 0,
    duePence: 0,
    feePence: null,
    fromPackage: null,
  }
}
