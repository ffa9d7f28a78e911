import type { Kysely } from 'kysely'
import type { ClientPackage } from '../../../shared/contract/packages'
import type { DB } from '../../db/schema'
import { DomainError } from '../domain-error'
import { refund } from './corrections'
import { issueCreditNote } from './invoice-issue'
import type { MoneyActor } from './money-settings'
import { getPackage } from './package-read'

/**
 * Refunds the unused part of a package (owner) through the same corrections as any invoice,
 * in one transaction:
 * 1. a numbered credit note against the invoice it was sold on, for the unused sessions' share
 *    of the price (unusedValue: pro rata by sessions, half up to the penny), which gives back
 *    that share of the VAT charged at sale;
 * 2. the money back to a method (cash, card...) or to the client's account credit (refund);
 * 3. a 'refund' row taking the unused sessions away, so the package is closed.
 * Refused when nothing is unused, or when the invoice no longer holds that much paid (the
 * refund check), and nothing is then changed. An expired package may still be refunded: the
 * owner decides.
 */
export async function refundPackage(
  db: Kysely<DB>,
  input: { packageId: number; methodId: number; reason: string },
  actor: MoneyActor,
  now: Date,
): Promise<{
  package: ClientPackage
  refundedPence: number
  creditNoteNumber: string
  sessions: number
}> {
  const pkg = await getPackage(db, input.packageId, now)
  if (pkg.refunded) throw new DomainError('conflict', `"${pkg.name}" has already been refunded.`)
  if (pkg.left <= 0) {
    throw new DomainError('rule_broken', `Every session of "${pkg.name}" has been used.`)
  }
  const amount = pkg.unusedValuePence
  const note = await issueCreditNote(
    db,
    { invoiceId: pkg.invoiceId, amountPence: amount, reason: input.reason },
    actor,
    now,
  )
  await refund(
    db,
    {
      clientId: pkg.clientId,
      invoiceId: pkg.invoiceId,
      methodId: input.methodId,
      amountPence: amount,
      reason: input.reason,
    },
    actor,
    now,
  )
  const { id: creditNoteId } = await db
    .selectFrom('credit_notes')
    .select('id')
    .where('number', '=', note.number)
    .executeTakeFirstOrThrow()
  await db
    .insertInto('package_sessions')
    .values({
      package_id: pkg.id,
      client_id: pkg.clientId,
      kind: 'refund',
      sessions: -pkg.left,
      appointment_id: null,
      reverses_id: null,
      credit_note_id: creditNoteId,
      reason: input.reason,
      at: now.toISOString(),
      by_user_id: actor.userId,
      by_name: actor.name,
    })
    .execute()
  return {
    package: await getPackage(db, pkg.id, now),
    refundedPence: amount,
    creditNoteNumber: note.number,
    sessions: pkg.left,
  }
}
