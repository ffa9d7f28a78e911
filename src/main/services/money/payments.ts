import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import { requireLiveClient } from '../clients/client-record'
import { DomainError } from '../domain-error'
import { allocate, tenderKindOf } from '../../../shared/money/allocation'
import { formatPence } from '../../../shared/money/pounds'
import { creditOf, post, requireMethod, type Posting } from './ledger'
import type { MoneyActor } from './money-settings'
import { redeemableVoucher } from './voucher-balance'

export interface Tender {
  methodId: number
  amountPence: number
  reference: string
  /** For the gift-voucher method: the code on the voucher. */
  voucherCode?: string | undefined
}

export interface PaymentResult {
  batch: string
  invoiceIds: number[]
  toCreditPence: number
  totalPence: number
}

/** Methods whose payments need something Plinth tracks separately (a code, a course). */
const NOT_YET = new Set(['package'])

/**
 * Takes one payment, possibly split across methods (£20 cash + £35 card), for any number of
 * the client's issued invoices, paid oldest first (by date of issue, whatever order they
 * were ticked in). The allocation is the shared rule the screens preview (allocate():
 * credit first, then vouchers, then money); what is left over goes to the client's account
 * credit. Refused: a method that is switched off, spending more credit than the client has
 * or than the invoices need, and invoices that are not the client's or not issued.
 */
export async function takePayment(
  db: Kysely<DB>,
  input: { clientId: number; payments: Tender[]; invoiceIds: number[] },
  actor: MoneyActor,
  now: Date,
): Promise<PaymentResult> {
  await requireLiveClient(db, input.clientId)
  const ids = [...new Set(input.invoiceIds)]
  const found =
    ids.length === 0
      ? []
      : await db
          .selectFrom('invoices as i')
          .leftJoin('invoice_balances as b', 'b.invoice_id', 'i.id')
          .select(['i.id', 'i.client_id', 'i.status', 'i.issued_at', 'b.due_pence'])
          .where('i.id', 'in', ids)
          .orderBy('i.issued_at')
          .orderBy('i.id')
          .execute()
  if (found.length !== ids.length || found.some((i) => i.client_id !== input.clientId)) {
    throw new DomainError('rule_broken', "That invoice is not this client's.")
  }
  if (found.some((i) => i.status !== 'issued')) {
    throw new DomainError('rule_broken', 'Issue the invoice before taking payment for it.')
  }
  const dues = found.map((i) => ({ id: i.id, duePence: i.due_pence ?? 0 }))

  const tenders: (Tender & { kind: string; name: string; voucherId: number | null })[] = []
  const voucherUse = new Map<number, { balance: number; used: number; code: string }>()
  for (const t of input.payments) {
    const m = await requireMethod(db, t.methodId)
    if (!m.active) throw new DomainError('rule_broken', `${m.name} is switched off.`)
    if (NOT_YET.has(m.kind)) {
      throw new DomainError('rule_broken', `${m.name} payments are not available yet.`)
    }
    let voucherId: number | null = null
    if (m.kind === 'gift_voucher') {
      if (!t.voucherCode) {
        throw new DomainError('rule_broken', 'Enter the gift voucher code.', [
          { path: 'payments', message: 'Enter the voucher code' },
        ])
      }
      const v = await redeemableVoucher(db, t.voucherCode, now)
      const use = voucherUse.get(v.id) ?? { balance: v.balancePence, used: 0, code: v.code }
      use.used += t.amountPence
      if (use.used > use.balance) {
        throw new DomainError(
          'rule_broken',
          `Gift voucher ${v.code} has ${formatPence(use.balance)} left.`,
          [{ path: 'payments', message: 'More than the voucher holds' }],
        )
      }
      voucherUse.set(v.id, use)
      voucherId = v.id
    }
    tenders.push({ ...t, kind: m.kind, name: m.name, voucherId })
  }
  const spend = tenders
    .filter((t) => t.kind === 'account_credit')
    .reduce((s, t) => s + t.amountPence, 0)
  if (spend > 0) {
    const credit = await creditOf(db, input.clientId)
    if (spend > credit) {
      throw new DomainError(
        'rule_broken',
        `The client has ${formatPence(credit)} of account credit.`,
        [{ path: 'payments', message: 'More than the account credit' }],
      )
    }
  }

  const plan = allocate(
    dues,
    tenders.map((t) => ({ kind: tenderKindOf(t.kind), amountPence: t.amountPence })),
  )
  // Credit and vouchers are not money the client gave: they pay invoices, never credit.
  if (plan.unusablePence > 0) {
    throw new DomainError('rule_broken', 'Use no more account credit or voucher than is due.', [
      { path: 'payments', message: 'More than is due' },
    ])
  }
  const postings: Posting[] = plan.parts.map((part) => {
    const t = tenders[part.tender]!
    return {
      clientId: input.clientId,
      kind: t.kind === 'account_credit' ? 'transfer' : 'payment',
      methodId: t.methodId,
      invoiceId: part.invoiceId,
      amountPence: part.amountPence,
      reference:
        t.kind === 'gift_voucher' ? (voucherUse.get(t.voucherId!)?.code ?? '') : t.reference,
      voucherId: part.invoiceId === null ? null : t.voucherId,
    }
  })
  const batch = randomUUID()
  await post(db, postings, batch, actor, now)
  return {
    batch,
    invoiceIds: found.map((i) => i.id),
    toCreditPence: plan.toCreditPence,
    totalPence: input.payments.reduce((s, t) => s + t.amountPence, 0),
  }
}
