import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import { DomainError } from '../domain-error'
import { creditOf, paidOn, post, requireMethod } from './ledger'
import type { MoneyActor } from './money-settings'

const pounds = (p: number) => `£${(p / 100).toFixed(2)}`

/**
 * Gives money back. From an invoice: at most what was paid on it, to a method (a refund)
 * or to the client's account credit. Without an invoice: from the client's account credit
 * to a method. A new entry is appended; nothing is changed.
 */
export async function refund(
  db: Kysely<DB>,
  input: {
    clientId: number
    invoiceId: number | null
    methodId: number
    amountPence: number
    reason: string
  },
  actor: MoneyActor,
  now: Date,
): Promise<void> {
  const method = await requireMethod(db, input.methodId)
  if (method.kind === 'gift_voucher' || method.kind === 'package') {
    throw new DomainError(
      'rule_broken',
      `Give it back as account credit, not to a ${method.name.toLowerCase()}.`,
      [{ path: 'methodId', message: 'Choose another method' }],
    )
  }
  if (input.invoiceId === null) {
    if (method.kind === 'account_credit') {
      throw new DomainError('rule_broken', 'Choose how the money is given back.', [
        { path: 'methodId', message: 'Choose a method' },
      ])
    }
    const credit = await creditOf(db, input.clientId)
    if (input.amountPence > credit) {
      throw new DomainError('rule_broken', `The client has ${pounds(credit)} of account credit.`, [
        { path: 'amountPence', message: `At most ${pounds(credit)}` },
      ])
    }
  } else {
    const inv = await db
      .selectFrom('invoices')
      .select('client_id')
      .where('id', '=', input.invoiceId)
      .executeTakeFirst()
    if (!inv || inv.client_id !== input.clientId) {
      throw new DomainError('rule_broken', "That invoice is not this client's.")
    }
    const paid = await paidOn(db, input.invoiceId)
    if (input.amountPence > paid) {
      throw new DomainError('rule_broken', `${pounds(paid)} was paid on this invoice.`, [
        { path: 'amountPence', message: `At most ${pounds(paid)}` },
      ])
    }
  }
  await post(
    db,
    [
      {
        clientId: input.clientId,
        kind: method.kind === 'account_credit' ? 'transfer' : 'refund',
        methodId: input.methodId,
        invoiceId: input.invoiceId,
        amountPence: -input.amountPence,
        reason: input.reason,
      },
    ],
    randomUUID(),
    actor,
    now,
  )
}

/**
 * Corrects a mistaken entry by appending its exact opposite, with a reason. An entry is
 * reversed at most once (unique index), a reversal is never reversed, and a reversal that
 * would leave the client's credit or an invoice's payments below zero is refused.
 */
export async function reverseEntry(
  db: Kysely<DB>,
  input: { entryId: number; reason: string },
  actor: MoneyActor,
  now: Date,
): Promise<{ clientId: number; amountPence: number }> {
  const e = await db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('id', '=', input.entryId)
    .executeTakeFirst()
  if (!e) throw new DomainError('not_found', 'No such entry.')
  if (e.kind === 'reversal') throw new DomainError('rule_broken', 'A reversal cannot be reversed.')
  const already = await db
    .selectFrom('ledger_entries')
    .select('id')
    .where('reverses_id', '=', e.id)
    .executeTakeFirst()
  if (already) throw new DomainError('conflict', 'This entry has already been reversed.')
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
  return { clientId: e.client_id, amountPence: e.amount_pence }
}
