import type { Expression, Kysely, SqlBool } from 'kysely'
import type {
  AppointmentPayment,
  ClientAccount,
  OutstandingRow,
} from '../../../shared/contract/money'
import type { DB } from '../../db/schema'
import { requireClient } from '../clients/alerts'
import { listInvoices } from './invoice-read'
import { feeFor } from './fees'
import { entriesOf } from './ledger'

/** The newest invoices and entries on a client's account card; older ones are in Money. */
export const ACCOUNT_RECENT = 50
/** At most this many of a client's open invoices are offered to pay at once (the contract's). */
export const ACCOUNT_OPEN = 50

/**
 * What a client owes (issued invoices still due) and holds in credit, their newest invoices
 * and entries, and their open invoices oldest first (to pay several at once). Every part is
 * one indexed read bounded by a page, whatever the client's history (issue 13 budget: p95
 * under 5 ms with 200,000 invoices).
 */
export async function clientAccount(db: Kysely<DB>, clientId: number): Promise<ClientAccount> {
  await requireClient(db, clientId)
  const balance = await db
    .selectFrom('client_balances')
    .select(['owes_pence', 'credit_pence'])
    .where('client_id', '=', clientId)
    .executeTakeFirst()
  const { rows } = await listInvoices(db, {
    status: 'all',
    clientId,
    limit: ACCOUNT_RECENT,
    offset: 0,
  })
  const open = await outstandingPage(db, { clientId, limit: ACCOUNT_OPEN, offset: 0 }).execute()
  return {
    clientId,
    owesPence: balance?.owes_pence ?? 0,
    creditPence: balance?.credit_pence ?? 0,
    invoices: rows,
    open: open.map((r) => ({
      id: r.invoice_id,
      number: r.number,
      issuedAt: r.issued_at,
      grossPence: r.gross_pence,
      duePence: r.due_pence,
    })),
    entries: await entriesOf(db, { clientId, limit: ACCOUNT_RECENT }),
  }
}

const DAY = 86_400_000
export const AGEING_BUCKETS = ['0-30', '31-60', '61-90', '90+'] as const

function bucketOf(days: number): OutstandingRow['bucket'] {
  return days <= 30 ? '0-30' : days <= 60 ? '31-60' : days <= 90 ? '61-90' : '90+'
}

/**
 * One page of issued invoices with something still due, oldest first (of one client, or
 * all), from the kept balances (migration 0870). The page is cut from the partial index on
 * what is due alone (invoice ids only, covered by it) before anything is joined: an OFFSET
 * over the joined rows read every skipped invoice and client (110 ms at offset 15,000).
 * Exported as a query so the bench can time the same SQL raw (tests/bench/money.bench.ts).
 */
export function outstandingPage(
  db: Kysely<DB>,
  opts: { clientId?: number | undefined; limit: number; offset: number },
) {
  let ids = db
    .selectFrom('invoice_balances')
    .select('invoice_id')
    // A literal 0 (lit), not a bound parameter: only then can SQLite use the partial indexes.
    .where((eb) => eb('due_pence', '>', eb.lit(0)))
  if (opts.clientId !== undefined) ids = ids.where('client_id', '=', opts.clientId)
  const page = ids
    .orderBy('issued_at')
    .orderBy('invoice_id')
    .limit(opts.limit)
    .offset(opts.offset)
    .as('p')
  return db
    .selectFrom(page)
    .innerJoin('invoice_balances as b', 'b.invoice_id', 'p.invoice_id')
    .innerJoin('invoices as i', 'i.id', 'b.invoice_id')
    .innerJoin('clients as c', 'c.id', 'b.client_id')
    .select([
      'b.invoice_id',
      'i.number',
      'b.client_id',
      'i.client_name',
      'c.mobile',
      'c.other_phone',
      'b.issued_at',
      'b.gross_pence',
      'b.due_pence',
    ])
    .orderBy('b.issued_at')
    .orderBy('b.invoice_id')
}

/**
 * What is owed in each ageing bucket (days since issue: 0–30, 31–60, 61–90, 90+) and how many
 * invoices, summed in SQL over the covering partial index. An invoice is in 0–30 while fewer
 * than 31 whole days have passed since it was issued, the same count the rows show.
 */
export function outstandingTotals(db: Kysely<DB>, now: Date) {
  const before = (days: number) => new Date(now.getTime() - days * DAY).toISOString()
  const [d31, d61, d91] = [before(31), before(61), before(91)]
  return db
    .selectFrom('invoice_balances')
    .select((eb) => {
      const owed = (when: Expression<SqlBool>) =>
        eb.fn.coalesce(
          eb.fn.sum<number>(eb.case().when(when).then(eb.ref('due_pence')).end()),
          eb.lit(0),
        )
      return [
        eb.fn.countAll<number>().as('count'),
        owed(eb('issued_at', '>', d31)).as('b0'),
        owed(eb.and([eb('issued_at', '<=', d31), eb('issued_at', '>', d61)])).as('b1'),
        owed(eb.and([eb('issued_at', '<=', d61), eb('issued_at', '>', d91)])).as('b2'),
        owed(eb('issued_at', '<=', d91)).as('b3'),
      ]
    })
    .where((eb) => eb('due_pence', '>', eb.lit(0)))
}

/** Issued invoices with something still due, a page at a time, aged, with totals by age. */
export async function outstanding(
  db: Kysely<DB>,
  now: Date,
  opts: { limit: number; offset: number },
): Promise<{
  rows: OutstandingRow[]
  totals: Record<string, number>
  count: number
  more: boolean
}> {
  const page = await outstandingPage(db, { limit: opts.limit + 1, offset: opts.offset }).execute()
  const t = await outstandingTotals(db, now).executeTakeFirstOrThrow()
  const rows = page.slice(0, opts.limit).map((r): OutstandingRow => {
    const ageDays = Math.max(0, Math.floor((now.getTime() - Date.parse(r.issued_at)) / DAY))
    return {
      invoiceId: r.invoice_id,
      number: r.number ?? '',
      clientId: r.client_id,
      clientName: r.client_name,
      clientPhone: r.mobile || r.other_phone,
      issuedAt: r.issued_at,
      ageDays,
      bucket: bucketOf(ageDays),
      grossPence: r.gross_pence,
      duePence: r.due_pence,
    }
  })
  return {
    rows,
    totals: { '0-30': t.b0, '31-60': t.b1, '61-90': t.b2, '90+': t.b3 },
    count: Number(t.count),
    more: page.length > opts.limit,
  }
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
          .leftJoin('invoice_balances as b', 'b.invoice_id', 'i.id')
          .select(['l.appointment_id', 'i.id', 'i.number', 'i.status', 'i.gross_pence'])
          .select((eb) => [
            eb.fn.coalesce('b.credited_pence', eb.lit(0)).as('credited'),
            eb.fn.coalesce('b.paid_pence', eb.lit(0)).as('paid'),
          ])
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
