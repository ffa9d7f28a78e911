import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { formatPence } from '../../../shared/money/pounds'
import type { DB } from '../../db/schema'
import { DomainError } from '../domain-error'
import {
  creditOf,
  paidOn,
  post,
  refundedOf,
  requireMethod,
  reversalOf,
  type MethodRow,
} from './ledger'
import type { MoneyActor } from './money-settings'

export interface RefundInput {
  clientId: number
  invoiceId: number | null
  /** The payment given back (from an invoice's payment rows); null for a refund of credit. */
  entryId?: number | null | undefined
  methodId: number
  amountPence: number
  reason: string
}

/**
 * Gives money back; only the owner may (issue 13, "Roles"; the contract says so). Three kinds:
 * - of one payment on an invoice (`entryId`): at most what is left of that payment (less
 *   what was refunded of it before) and of what the invoice has been paid, to the payment's
 *   own method or to the client's account credit;
 * - of an invoice without naming the payment: at most what it was paid;
 * - of account credit (no invoice): at most the credit, to a method.
 * A new entry is appended; nothing is changed. Gift voucher and package payments go back as
 * account credit.
 */
export async function refund(
  db: Kysely<DB>,
  input: RefundInput,
  actor: MoneyActor,
  now: Date,
): Promise<{ invoiceId: number | null; toCredit: boolean }> {
  const method = await requireMethod(db, input.methodId)
  if (method.kind === 'gift_voucher' || method.kind === 'package') {
    throw new DomainError(
      'rule_broken',
      `Give it back as account credit, not to a ${method.name.toLowerCase()}.`,
      [{ path: 'methodId', message: 'Choose another method' }],
    )
  }
  let invoiceId = input.invoiceId
  if (input.entryId != null) invoiceId = await checkPaymentRefund(db, input, method)
  if (invoiceId === null) {
    if (method.kind === 'account_credit') {
      throw new DomainError('rule_broken', 'Choose how the money is given back.', [
        { path: 'methodId', message: 'Choose a method' },
      ])
    }
    const credit = await creditOf(db, input.clientId)
    if (input.amountPence > credit) {
      throw new DomainError(
        'rule_broken',
        `The client has ${formatPence(credit)} of account credit.`,
        [{ path: 'amountPence', message: `At most ${formatPence(credit)}` }],
      )
    }
  } else {
    const inv = await db
      .selectFrom('invoices')
      .select('client_id')
      .where('id', '=', invoiceId)
      .executeTakeFirst()
    if (!inv || inv.client_id !== input.clientId) {
      throw new DomainError('rule_broken', "That invoice is not this client's.")
    }
    const paid = await paidOn(db, invoiceId)
    if (input.amountPence > paid) {
      throw new DomainError('rule_broken', `${formatPence(paid)} was paid on this invoice.`, [
        { path: 'amountPence', message: `At most ${formatPence(paid)}` },
      ])
    }
  }
  const toCredit = method.kind === 'account_credit'
  await post(
    db,
    [
      {
        clientId: input.clientId,
        kind: toCredit ? 'transfer' : 'refund',
        methodId: input.methodId,
        invoiceId,
        amountPence: -input.amountPence,
        reason: input.reason,
        refundOfId: input.entryId ?? null,
      },
    ],
    randomUUID(),
    actor,
    now,
  )
  return { invoiceId, toCredit }
}

/** A refund of one payment: that payment's own method or credit, and no more than is left. */
async function checkPaymentRefund(
  db: Kysely<DB>,
  input: RefundInput,
  method: MethodRow,
): Promise<number> {
  const e = await db
    .selectFrom('ledger_entries')
    .select(['id', 'client_id', 'kind', 'method_id', 'invoice_id', 'amount_pence'])
    .where('id', '=', input.entryId!)
    .executeTakeFirst()
  if (!e || e.client_id !== input.clientId) throw new DomainError('not_found', 'No such payment.')
  if (
    (e.kind !== 'payment' && e.kind !== 'transfer') ||
    e.amount_pence <= 0 ||
    e.invoice_id === null ||
    (input.invoiceId !== null && e.invoice_id !== input.invoiceId)
  ) {
    throw new DomainError('rule_broken', 'Only a payment on an invoice can be refunded here.')
  }
  if ((await reversalOf(db, e.id)) !== null) {
    throw new DomainError(
      'rule_broken',
      'That payment has been reversed; there is nothing to refund.',
    )
  }
  if (method.id !== e.method_id && method.kind !== 'account_credit') {
    throw new DomainError(
      'rule_broken',
      'Refund to the method it was paid with, or to account credit.',
      [{ path: 'methodId', message: 'The original method or account credit' }],
    )
  }
  const left = e.amount_pence - ((await refundedOf(db, [e.id])).get(e.id) ?? 0)
  if (input.amountPence > left) {
    throw new DomainError(
      'rule_broken',
      left === 0
        ? 'This payment has already been refunded in full.'
        : `${formatPence(left)} of this payment is left to refund.`,
      [{ path: 'amountPence', message: `At most ${formatPence(left)}` }],
    )
  }
  return e.invoice_id
}

/**
 * Corrects a mistaken entry by appending its exact opposite, with a reason. An entry is
 * reversed at most once (unique index), a reversal is never reversed (a reversal made by
 * mistake is put right by entering the payment again), a payment with refunds standing is
 * reversed only after them, and a reversal that would leave the client's credit or an
 * invoice's payments below zero is refused.
 */
export async function reverseEntry(
  db: Kysely<DB>,
  input: { entryId: number; reason: string },
  actor: MoneyActor,
  now: Date,
): Promise<{ clientId: number; amountPence: number; invoiceId: number | null }> {
  const e = await db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('id', '=', input.entryId)
    .executeTakeFirst()
  if (!e) throw new DomainError('not_found', 'No such entry.')
  if (e.kind === 'reversal') {
    throw new DomainError(
      'rule_broken',
      'A reversal cannot be reversed; if it was a mistake, take the payment again.',
    )
  }
  if ((await reversalOf(db, e.id)) !== null)
    throw new DomainError('conflict', 'This entry has already been reversed.')
  if (((await refundedOf(db, [e.id])).get(e.id) ?? 0) > 0) {
    throw new DomainError(
      'rule_broken',
      'Part of this payment has been refunded; reverse the refund first.',
    )
  }
  await post(
    db,
    [
      {
        clientId: e.client_id,
        kind: 'reversal',
        methodId: e.method_id,
        invoiceId: e.invoice_id,
        amountPence: -e.amount_pence,
        reason: input.reason,
        reversesId: e.id,
        voucherId: e.voucher_id,
      },
    ],
    randomUUID(),
    actor,
    now,
  )
  if ((await creditOf(db, e.client_id)) < 0) {
    throw new DomainError(
      'rule_broken',
      'The client has already spent or been refunded this credit; reversing it would leave their credit below zero.',
    )
  }
  if (e.invoice_id !== null && (await paidOn(db, e.invoice_id)) < 0) {
    throw new DomainError('rule_broken', 'That would leave the invoice paid below zero.')
  }
  return { clientId: e.client_id, amountPence: e.amount_pence, invoiceId: e.invoice_id }
}
