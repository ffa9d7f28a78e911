import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import type { FeeKind } from '../../db/schema-money'
import { DomainError } from '../domain-error'
import { invoiceStandingFor, saveDraft } from './invoice-drafts'
import { issueInvoice } from './invoice-issue'
import { getMoneySettings, type MoneyActor } from './money-settings'

/** A fee in pence: fixed, or a whole percentage of the price rounded half up to the penny. */
export function feeAmount(rule: { kind: FeeKind; value: number }, pricePence: number): number {
  if (rule.kind === 'fixed') return rule.value
  if (rule.kind === 'percent') return Math.floor((pricePence * rule.value * 2 + 100) / 200)
  return 0
}

/**
 * The fee an appointment can be charged: for a Did-not-attend, or a cancellation by the
 * client inside the notice period (the diary marks it late). Null when none applies.
 */
export async function feeFor(
  db: Kysely<DB>,
  appt: {
    status: string
    late_cancellation: number
    cancelled_by: string | null
    price_pence: number
  },
): Promise<{ kind: 'no_show' | 'late_cancel'; pence: number } | null> {
  const settings = await getMoneySettings(db)
  const kind =
    appt.status === 'no_show'
      ? 'no_show'
      : appt.status === 'cancelled' &&
          appt.late_cancellation === 1 &&
          appt.cancelled_by === 'client'
        ? 'late_cancel'
        : null
  if (!kind) return null
  const pence = feeAmount(
    kind === 'no_show' ? settings.noShowFee : settings.lateCancelFee,
    appt.price_pence,
  )
  return pence > 0 ? { kind, pence } : null
}

/**
 * Charges the fee as an issued invoice on the client's account (Plinth takes no card
 * payment itself; reception takes it like any other). Refused when no fee applies or the
 * appointment is already on an invoice.
 */
export async function chargeFee(
  db: Kysely<DB>,
  appointmentId: number,
  actor: MoneyActor,
  now: Date,
): Promise<{ invoiceId: number; number: string; pence: number; clientId: number }> {
  const appt = await db
    .selectFrom('appointments')
    .select(['id', 'client_id', 'status', 'late_cancellation', 'cancelled_by', 'price_pence'])
    .where('id', '=', appointmentId)
    .executeTakeFirst()
  if (!appt) throw new DomainError('not_found', 'No such appointment.')
  const fee = await feeFor(db, appt)
  if (!fee) {
    throw new DomainError(
      'rule_broken',
      'No fee applies: only a Did-not-attend or a late cancellation by the client, with a fee set under Settings → Money.',
    )
  }
  const standing = await invoiceStandingFor(db, appointmentId)
  if (standing) {
    throw new DomainError(
      'conflict',
      `This appointment is already on ${standing.number ?? 'a draft invoice'}.`,
    )
  }
  const invoiceId = await saveDraft(
    db,
    {
      clientId: appt.client_id,
      billTo: { kind: 'client', name: '', address: '', reference: '' },
      lines: [
        {
          kind: 'text',
          serviceId: null,
          productId: null,
          appointmentId,
          description: fee.kind === 'no_show' ? 'Missed appointment fee' : 'Late cancellation fee',
          quantity: 1,
          unitPence: fee.pence,
          vatRate: 'standard',
        },
      ],
    },
    actor,
    now,
  )
  const { number } = await issueInvoice(db, invoiceId, actor, now)
  return { invoiceId, number, pence: fee.pence, clientId: appt.client_id }
}
