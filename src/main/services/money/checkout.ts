import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import { DomainError } from '../domain-error'
import { invoiceStandingFor, saveDraft } from './invoice-drafts'
import { issueInvoice } from './invoice-issue'
import { figuresOf } from './ledger'
import type { MoneyActor } from './money-settings'
import { takePayment, type PaymentResult, type Tender } from './payments'

/**
 * Reception's "Take payment" on an appointment that has Arrived or is Completed, in one
 * command: the invoice for its service at the appointment's price is made (or the draft or
 * unpaid invoice already on it is used), issued, and paid; any overpayment goes to the
 * client's account credit. One transaction, so a refused payment leaves no invoice and
 * uses no number.
 */
export async function checkout(
  db: Kysely<DB>,
  input: { appointmentId: number; payments: Tender[] },
  actor: MoneyActor,
  now: Date,
): Promise<PaymentResult & { invoiceId: number; number: string; created: boolean }> {
  const appt = await db
    .selectFrom('appointments as a')
    .innerJoin('services as s', 's.id', 'a.service_id')
    .select(['a.id', 'a.client_id', 'a.status', 'a.price_pence', 'a.service_id', 's.name'])
    .where('a.id', '=', input.appointmentId)
    .executeTakeFirst()
  if (!appt) throw new DomainError('not_found', 'No such appointment.')
  if (appt.status !== 'arrived' && appt.status !== 'completed') {
    throw new DomainError(
      'rule_broken',
      'Take payment once the client has arrived (mark the appointment Arrived or Completed).',
    )
  }
  let standing = await invoiceStandingFor(db, appt.id)
  let created = false
  if (!standing) {
    const id = await saveDraft(
      db,
      {
        clientId: appt.client_id,
        billTo: { kind: 'client', name: '', address: '', reference: '' },
        lines: [
          {
            kind: 'service',
            serviceId: appt.service_id,
            productId: null,
            appointmentId: appt.id,
            description: appt.name,
            quantity: 1,
            unitPence: appt.price_pence,
            vatRate: 'standard',
          },
        ],
      },
      actor,
      now,
    )
    standing = { id, number: null, status: 'draft' }
    created = true
  }
  let number = standing.number
  if (standing.status === 'draft') {
    number = (await issueInvoice(db, standing.id, actor, now, { savedJustNow: created })).number
  }
  const { duePence, clientId } = await figuresOf(db, standing.id)
  if (duePence <= 0) throw new DomainError('conflict', `${number} is already paid.`)
  const paid = await takePayment(
    db,
    { clientId, payments: input.payments, invoiceIds: [standing.id] },
    actor,
    now,
  )
  return { ...paid, invoiceId: standing.id, number: number!, created }
}
