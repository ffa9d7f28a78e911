import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import { requireLiveClient } from '../clients/client-record'
import { DomainError } from '../domain-error'
import { creditedOn, creditOf, paidOn, post, requireMethod, type Posting } from './ledger'
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
 * the client's issued invoices, oldest first as given. Account credit is spent first; each
 * other method then pays what is still due, in the order given. What is left over goes to
 * the client's account credit. Refused: a method that is switched off, spending more credit
 * than the client has or than the invoices need, and invoices that are not the client's or
 * not issued.
 */
export async function takePayment(
  db: Kysely<DB>,
  input: { clientId: number; payments: Tender[]; invoiceIds: number[] },
  actor: MoneyActor,
  now: Date,
): Promise<PaymentResult> {
  await requireLiveClient(db, input.clientId)
  const dues: { id: number; due: number }[] = []
  for (const id of new Set(input.invoiceIds)) {
    const inv = await db
      .selectFrom('invoices')
      .select(['client_id', 'status', 'gross_pence', 'number'])
      .where('id', '=', id)
      .executeTakeFirst()
    if (!inv || inv.client_id !== input.clientId) {
      throw new DomainError('rule_broken', "That invoice is not this client's.")
    }
    if (inv.status !== 'issued') {
      throw new DomainError('rule_broken', 'Issue the invoice before taking payment for it.')
    }
    const due = inv.gross_pence - (await creditedOn(db, id)) - (await paidOn(db, id))
    if (due > 0) dues.push({ id, due })
  }

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
          `Gift voucher ${v.code} has £${(use.balance / 100).toFixed(2)} left.`,
          [{ path: 'payments', message: 'More than the voucher holds' }],
        )
      }
      voucherUse.set(v.id, use)
      voucherId = v.id
    }
    tenders.push({ ...t, kind: m.kind, name: m.name, voucherId })
  }
  // Credit and vouchers are not money: they pay invoices first and never go to credit.
  const fromCredit = tenders.filter((t) => t.kind === 'account_credit')
  const fromVouchers = tenders.filter((t) => t.kind === 'gift_voucher')
  const spend = fromCredit.reduce((s, t) => s + t.amountPence, 0)
  if (spend > 0) {
    const credit = await creditOf(db, input.clientId)
    if (spend > credit) {
      throw new DomainError(
        'rule_broken',
        `The client has £${(credit / 100).toFixed(2)} of account credit.`,
        [{ path: 'payments', message: 'More than the account credit' }],
      )
    }
  }

  const allDue = dues.reduce((s, d) => s + d.due, 0)
  if (spend + fromVouchers.reduce((s, t) => s + t.amountPence, 0) > allDue) {
    throw new DomainError('rule_broken', 'Use no more account credit or voucher than is due.', [
      { path: 'payments', message: 'More than is due' },
    ])
  }

  const postings: Posting[] = []
  let toCredit = 0
  const money = tenders.filter((t) => t.kind !== 'account_credit' && t.kind !== 'gift_voucher')
  for (const t of [...fromCredit, ...fromVouchers, ...money]) {
    let left = t.amountPence
    for (const d of dues) {
      if (left === 0) break
      const part = Math.min(left, d.due)
      if (part === 0) continue
      d.due -= part
      left -= part
      postings.push({
        clientId: input.clientId,
        kind: t.kind === 'account_credit' ? 'transfer' : 'payment',
        methodId: t.methodId,
        invoiceId: d.id,
        amountPence: part,
        reference:
          t.kind === 'gift_voucher' ? (voucherUse.get(t.voucherId!)?.code ?? '') : t.reference,
        voucherId: t.voucherId,
      })
    }
    if (left > 0) {
      toCredit += left
      postings.push({
        clientId: input.clientId,
        kind: 'payment',
        methodId: t.methodId,
        invoiceId: null,
        amountPence: left,
        reference: t.reference,
      })
    }
  }
  const batch = randomUUID()
  await post(db, postings, batch, actor, now)
  return {
    batch,
    invoiceIds: [...new Set(input.invoiceIds)],
    toCreditPence: toCredit,
    totalPence: input.payments.reduce((s, t) => s + t.amountPence, 0),
  }
}
