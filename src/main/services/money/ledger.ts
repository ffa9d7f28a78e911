import { sql, type Kysely } from 'kysely'
import type { LedgerEntry } from '../../../shared/contract/money-values'
import type { DB } from '../../db/schema'
import type { LedgerEntriesTable } from '../../db/schema-money'
import { DomainError } from '../domain-error'
import type { MoneyActor } from './money-settings'

/**
 * The ledger's one rule for derived balances. Each entry moves amount_pence from its method
 * to its invoice; with no invoice, to the client's account credit. The account-credit method
 * is the client's credit itself. So:
 *   paid on an invoice   = sum of entries on it;
 *   a client's credit    = sum of their entries without an invoice
 *                          - sum of their account-credit entries on invoices;
 *   taken by a method    = sum of its entries (cash-up).
 * Nothing else stores a balance.
 */
export async function creditMethodId(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('payment_methods')
    .select('id')
    .where('kind', '=', 'account_credit')
    .executeTakeFirstOrThrow()
  return row.id
}

/** The client's account credit in pence (never negative: services refuse what would be). */
export async function creditOf(db: Kysely<DB>, clientId: number): Promise<number> {
  const credit = await creditMethodId(db)
  const row = await sql<{ credit: number }>`
    SELECT coalesce(sum(CASE WHEN invoice_id IS NULL THEN amount_pence
                             WHEN method_id = ${credit} THEN -amount_pence
                             ELSE 0 END), 0) AS credit
    FROM ledger_entries WHERE client_id = ${clientId}`.execute(db)
  return row.rows[0]!.credit
}

export async function paidOn(db: Kysely<DB>, invoiceId: number): Promise<number> {
  const row = await db
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_pence'), eb.lit(0)).as('paid'))
    .where('invoice_id', '=', invoiceId)
    .executeTakeFirstOrThrow()
  return Number(row.paid)
}

export async function creditedOn(db: Kysely<DB>, invoiceId: number): Promise<number> {
  const row = await db
    .selectFrom('credit_notes')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('gross_pence'), eb.lit(0)).as('credited'))
    .where('invoice_id', '=', invoiceId)
    .executeTakeFirstOrThrow()
  return Number(row.credited)
}

export interface Posting {
  clientId: number
  kind: LedgerEntriesTable['kind']
  methodId: number
  invoiceId: number | null
  amountPence: number
  reference?: string
  reason?: string
  reversesId?: number | null
  /** The gift voucher a redemption draws on. */
  voucherId?: number | null
}

/** Appends entries; the table refuses updates and deletes (migration 0800). */
export async function post(
  db: Kysely<DB>,
  postings: Posting[],
  batch: string,
  actor: MoneyActor,
  now: Date,
): Promise<void> {
  for (const p of postings) {
    if (p.amountPence === 0) continue
    await db
      .insertInto('ledger_entries')
      .values({
        client_id: p.clientId,
        at: now.toISOString(),
        by_user_id: actor.userId,
        by_name: actor.name,
        kind: p.kind,
        method_id: p.methodId,
        invoice_id: p.invoiceId,
        amount_pence: p.amountPence,
        reference: p.reference ?? '',
        reason: p.reason ?? '',
        reverses_id: p.reversesId ?? null,
        voucher_id: p.voucherId ?? null,
        batch,
      })
      .execute()
  }
}

export interface MethodRow {
  id: number
  name: string
  kind: string
  active: number
}

export async function requireMethod(db: Kysely<DB>, id: number): Promise<MethodRow> {
  const row = await db
    .selectFrom('payment_methods')
    .select(['id', 'name', 'kind', 'active'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw new DomainError('not_found', 'No such payment method.')
  return row
}

/** A client's entries (or an invoice's), newest last, with method and invoice named. */
export async function entriesOf(
  db: Kysely<DB>,
  where: { clientId: number } | { invoiceId: number },
): Promise<LedgerEntry[]> {
  let q = db
    .selectFrom('ledger_entries as e')
    .innerJoin('payment_methods as m', 'm.id', 'e.method_id')
    .leftJoin('invoices as i', 'i.id', 'e.invoice_id')
    .select([
      'e.id',
      'e.at',
      'e.by_name',
      'e.kind',
      'e.method_id',
      'm.name as method_name',
      'e.invoice_id',
      'i.number as invoice_number',
      'e.amount_pence',
      'e.reference',
      'e.reason',
      'e.reverses_id',
    ])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('ledger_entries as r')
            .select('r.id')
            .whereRef('r.reverses_id', '=', 'e.id'),
        )
        .as('reversed'),
    )
    .orderBy('e.id')
  q =
    'clientId' in where
      ? q.where('e.client_id', '=', where.clientId)
      : q.where('e.invoice_id', '=', where.invoiceId)
  const rows = await q.execute()
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    byName: r.by_name,
    kind: r.kind,
    methodId: r.method_id,
    methodName: r.method_name,
    invoiceId: r.invoice_id,
    invoiceNumber: r.invoice_number,
    amountPence: r.amount_pence,
    reference: r.reference,
    reason: r.reason,
    reversesId: r.reverses_id,
    reversed: Boolean(r.reversed),
  }))
}
