import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import { DomainError } from '../domain-error'
import { saveDraft } from './invoice-drafts'
import { issueInvoice } from './invoice-issue'
import type { MoneyActor } from './money-settings'
import { takePayment, type PaymentResult, type Tender } from './payments'

/**
 * Sells one thing over the desk that exists only once paid for (a gift voucher, a package):
 * an invoice to the client with this one line at `pricePence`, issued and paid in the same
 * command. Less than the price paid is refused with `refusal` (and, the command being one
 * transaction, leaves no invoice and uses no number); more goes to account credit as usual.
 */
export async function paidSale(
  db: Kysely<DB>,
  input: {
    clientId: number
    line: {
      kind: 'voucher' | 'package'
      serviceId: number | null
      description: string
      pricePence: number
    }
    payments: Tender[]
    refusal: { message: string; field: string }
  },
  actor: MoneyActor,
  now: Date,
): Promise<PaymentResult & { invoiceId: number; number: string }> {
  const invoiceId = await saveDraft(
    db,
    {
      clientId: input.clientId,
      billTo: { kind: 'client', name: '', address: '', reference: '' },
      lines: [
        {
          kind: input.line.kind,
          serviceId: input.line.serviceId,
          productId: null,
          appointmentId: null,
          description: input.line.description,
          quantity: 1,
          unitPence: input.line.pricePence,
          vatRate: 'standard',
        },
      ],
    },
    actor,
    now,
  )
  const { number } = await issueInvoice(db, invoiceId, actor, now)
  const paid = await takePayment(
    db,
    { clientId: input.clientId, payments: input.payments, invoiceIds: [invoiceId] },
    actor,
    now,
  )
  if (paid.totalPence - paid.toCreditPence < input.line.pricePence) {
    throw new DomainError('rule_broken', input.refusal.message, [
      { path: 'payments', message: input.refusal.field },
    ])
  }
  return { ...paid, invoiceId, number }
}
