import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import type { Actor } from '../actor'
import { DomainError } from '../domain-error'

type Channel = 'email' | 'sms' | 'both' | 'none'

export async function clientPreferences(db: Kysely<DB>, clientId: number) {
  const c = await db
    .selectFrom('clients')
    .select(['message_channel', 'marketing_opt_out_at', 'marketing_email_at', 'marketing_sms_at'])
    .where('id', '=', clientId)
    .executeTakeFirst()
  if (!c) throw new DomainError('not_found', 'That client record no longer exists.')
  return {
    channel: c.message_channel,
    marketingOptOut: c.marketing_opt_out_at !== null,
    marketingEmail: c.marketing_email_at !== null,
    marketingSms: c.marketing_sms_at !== null,
  }
}

/**
 * Sets how a client gets service messages, and records an opt-out from marketing (recall)
 * with its time; opting back in clears it. Queued marketing messages stop at once.
 */
export async function setClientPreferences(
  db: Kysely<DB>,
  v: { clientId: number; channel: Channel; marketingOptOut: boolean },
  now: Date,
): Promise<{ channel: Channel; marketingOptOut: boolean }> {
  const before = await clientPreferences(db, v.clientId)
  await db
    .updateTable('clients')
    .set({
      message_channel: v.channel,
      ...(v.marketingOptOut !== before.marketingOptOut
        ? { marketing_opt_out_at: v.marketingOptOut ? now.toISOString() : null }
        : {}),
    })
    .where('id', '=', v.clientId)
    .execute()
  if (v.marketingOptOut) {
    await db
      .updateTable('messages')
      .set({
        state: 'cancelled',
        cancelled_at: now.toISOString(),
        cancel_reason: 'client opted out',
      })
      .where('client_id', '=', v.clientId)
      .where('kind', '=', 'recall')
      .where('state', '=', 'queued')
      .execute()
  }
  return { channel: v.channel, marketingOptOut: v.marketingOptOut }
}

/**
 * A therapist reads the message history only of clients they have an appointment with
 * (past or future); owner and reception read any.
 */
export async function assertMayReadHistory(db: Kysely<DB>, actor: Actor, clientId: number) {
  if (actor.role !== 'therapist') return
  const seen = await db
    .selectFrom('appointments as a')
    .innerJoin('therapists as t', 't.id', 'a.therapist_id')
    .select('a.id')
    .where('a.client_id', '=', clientId)
    .where('t.user_id', '=', actor.userId)
    .limit(1)
    .executeTakeFirst()
  if (!seen) {
    throw new DomainError('forbidden', 'Therapists see the messages of their own clients only.')
  }
}
