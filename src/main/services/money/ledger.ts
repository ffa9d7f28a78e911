import type { Kysely } from 'kysely'
import type { LedgerEntry } from '../../../shared/contract/money-values'
import type { DB } from '../../db/schema'
import type { LedgerEntriesTable } from '../../db/schema-money'
import { DomainError } from '../domain-error'
import type { MoneyActor } from './money-settings'

/**
 * The ledger's one rule for balances. Each entry moves amount_pence from its method to its
 * invoice; with no invoice, to the client's account credit. The account-credit method is the
 * client's credit itself. So:
 *   paid on an invoice   = sum of entries on it;
 *   a client's credit    = sum of their entries without an invoice
 *                          - sum of their account-credit entries on invoices;
 *   taken by a method    = sum of its entries (cash-up).
 * The entries stay the source of truth. The first two sums (and what each issued invoice
 * still has due) are also kept in invoice_balances and client_balances by triggers written
 * in the same transaction as each entry (migration 0870), so reading a balance costs one
 * row, not a sum over a client's whole history; tests/integration/money-balances.test.ts
 * checks the kept figures against the sums.
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
  const row = await db
    .selectFrom('client_balances')
    .select('credit_pence')
    .where('client_id', '=', clientId)
    .executeTakeFirst()
  return row?.credit_pence ?? 0
}

/** What a client owes across their issued invoices (each counted at most its due). */
export async function owedBy(db: Kysely<DB>, clientId: number): Promise<number> {
  const row = await db
    .selectFrom('client_balances')
    .select('owes_pence')
    .where('client_id', '=', clientId)
    .executeTakeFirst()
  return row?.owes_pence ?? 0
}

export interface InvoiceFigures {
  clientId: number
  creditedPence: number
  paidPence: number
  /** gross - credited - paid for an issued invoice; a draft's is its gross. */
  duePence: number
}

/** An invoice's credited, paid and due amounts; a draft has nothing credited or paid. */
export async function figuresOf(db: Kysely<DB>, invoiceId: number): Promise<InvoiceFigures> {
  const row = await db
    .selectFrom('invoices as i')
    .leftJoin('invoice_balances as b', 'b.invoice_id', 'i.id')
    .select(['i.client_id', 'i.gross_pence', 'b.credited_pence', 'b.paid_pence', 'b.due_pence'])
    .where('i.id', '=', invoiceId)
    .executeTakeFirst()
  if (!row) throw new DomainError('not_found', 'No such invoice.')
  return {
    clientId: row.client_id,
    creditedPence: row.credited_pence ?? 0,
    paidPence: row.paid_pence ?? 0,
    duePence: row.due_pence ?? row.gross_pence,
  }
}

export const paidOn = async (db: Kysely<DB>, invoiceId: number) =>
  (await figuresOf(db, invoiceId)).paidPence

export const creditedOn = async (db: Kysely<DB>, invoiceId: number) =>
  (await figuresOf(db, invoiceId)).creditedPence

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
  /** The payment a refund gives back. */
  refundOfId?: number | null
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
        refund_of_id: p.refundOfId ?? null,
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

/**
 * A client's newest entries (or all of an invoice's), oldest first, with method and invoice
 * named, whether each is reversed, and what is left to refund of each payment.
 */
export async function entriesOf(
  db: Kysely<DB>,
  where: { clientId: number; limit: number } | { invoiceId: number },
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
      'm.kind as method_kind',
      'e.invoice_id',
      'i.number as invoice_number',
      'e.amount_pence',
      'e.reference',
      'e.reason',
      'e.reverses_id',
      'e.refund_of_id',
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
    .orderBy('e.id', 'desc')
  q =
    'clientId' in where
      ? q.where('e.client_id', '=', where.clientId).limit(where.limit)
      : q.where('e.invoice_id', '=', where.invoiceId)
  const rows = (await q.execute()).reverse()
  const refunded = await refundedOf(
    db,
    rows.filter((r) => r.amount_pence > 0 && r.invoice_id !== null).map((r) => r.id),
  )
  return rows.map((r) => {
    const reversed = Boolean(r.reversed)
    const refundable =
      (r.kind === 'payment' || r.kind === 'transfer') &&
      r.amount_pence > 0 &&
      r.invoice_id !== null &&
      !reversed
    return {
      id: r.id,
      at: r.at,
      byName: r.by_name,
      kind: r.kind,
      methodId: r.method_id,
      methodName: r.method_name,
      methodKind: r.method_kind,
      invoiceId: r.invoice_id,
      invoiceNumber: r.invoice_number,
      amountPence: r.amount_pence,
      reference: r.reference,
      reason: r.reason,
      reversesId: r.reverses_id,
      reversed,
      refundOfId: r.refund_of_id,
      refundablePence: refundable ? Math.max(0, r.amount_pence - (refunded.get(r.id) ?? 0)) : 0,
    }
  })
}

/** The entry that reverses this one, if any (an entry is reversed at most once). */
export async function reversalOf(db: Kysely<DB>, entryId: number): Promise<number | null> {
  const row = await db
    .selectFrom('ledger_entries')
    .select('id')
    .where('reverses_id', '=', entryId)
    .executeTakeFirst()
  return row?.id ?? null
}

/**
 * What has been refunded of each payment, in pence: its refunds that still stand (a refund
 * that was itself reversed gave nothing back). One query for all of them.
 */
export async function refundedOf(db: Kysely<DB>, entryIds: number[]): Promise<Map<number, number>> {
  if (entryIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('ledger_entries as f')
    .select(['f.refund_of_id', (eb) => eb.fn.sum<number>('f.amount_pence').as('sum')])
    .where('f.refund_of_id', 'in', entryIds)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('ledger_entries as x')
            .select('x.id')
            .whereRef('x.reverses_id', '=', 'f.id'),
        ),
      ),
    )
    .groupBy('f.refund_of_id')
    .execute()
  return new Map(rows.map((r) => [r.refund_of_id!, -Number(r.sum)]))
}
