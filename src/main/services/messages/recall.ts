import type { Kysely } from 'kysely'
import type { DB, MessageChannel } from '../../db/schema'
import { renderTemplate } from '../../../shared/messages/templates'
import { channelsFor, enqueue, loadFacts, valuesFor } from './queue'
import { messageSettingsRow, quietOf } from './message-settings'
import { templateFor } from './template-store'
import { sendableFrom } from './timing'

/**
 * Whether a marketing message (recall, "time to rebook") may go to this client on this
 * channel: only with that channel's marketing consent recorded (clients.marketing_*_at, given
 * on the client record) and no opt-out since. Service messages (confirmations, reminders,
 * changes) need no marketing consent: they are part of the booking the client asked for
 * (PECR reg. 22 covers unsolicited marketing only).
 */
export function marketingAllowed(
  client: {
    marketing_email_at: string | null
    marketing_sms_at: string | null
    marketing_opt_out_at: string | null
  },
  channel: MessageChannel,
): boolean {
  const consent = channel === 'email' ? client.marketing_email_at : client.marketing_sms_at
  if (!consent) return false
  return client.marketing_opt_out_at === null || client.marketing_opt_out_at < consent
}

/**
 * Queues a recall for each client whose last completed visit was `recall_weeks` or more ago,
 * with nothing booked ahead, consent given and no opt-out: one recall per last visit (the
 * key names it), so a client is asked once until they come again. Off when recall_weeks is
 * not set. Returns how many were queued.
 */
export async function queueRecalls(db: Kysely<DB>, now: Date): Promise<number> {
  const settings = await messageSettingsRow(db)
  if (settings.recall_weeks === null) return 0
  const cutoff = new Date(now.getTime() - settings.recall_weeks * 7 * 86_400_000).toISOString()
  const candidates = await db
    .selectFrom('clients as c')
    .innerJoin(
      (eb) =>
        eb
          .selectFrom('appointments')
          .select((e) => ['client_id', e.fn.max('starts_at').as('last_at')])
          .where('status', '=', 'completed')
          .groupBy('client_id')
          .as('v'),
      (j) => j.onRef('v.client_id', '=', 'c.id'),
    )
    .select([
      'c.id',
      'c.marketing_email_at',
      'c.marketing_sms_at',
      'c.marketing_opt_out_at',
      'v.last_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('appointments as a')
        .select('a.id')
        .whereRef('a.client_id', '=', 'c.id')
        .where('a.status', '=', 'completed')
        .whereRef('a.starts_at', '=', 'v.last_at')
        .limit(1)
        .as('last_appointment_id'),
    )
    .where('v.last_at', '<', cutoff)
    .where('c.archived_at', 'is', null)
    .where('c.merged_into_id', 'is', null)
    .where('c.anonymised_at', 'is', null)
    .where((eb) =>
      eb.or([eb('c.marketing_email_at', 'is not', null), eb('c.marketing_sms_at', 'is not', null)]),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('appointments as f')
            .select('f.id')
            .whereRef('f.client_id', '=', 'c.id')
            .where('f.status', '=', 'booked')
            .where('f.starts_at', '>', now.toISOString()),
        ),
      ),
    )
    .limit(1000)
    .execute()
  let queued = 0
  for (const c of candidates) {
    if (c.last_appointment_id === null) continue
    const f = await loadFacts(db, c.last_appointment_id)
    if (!f) continue
    const values = valuesFor(f)
    const due = sendableFrom(now.getTime(), quietOf(settings), f.time_zone)
    for (const { channel, to } of channelsFor(f, settings)) {
      if (!marketingAllowed(c, channel)) continue
      const text = await templateFor(db, 'recall', channel)
      await enqueue(
        db,
        {
          key: `recall:${c.id}:${c.last_at}:${channel}`,
          kind: 'recall',
          channel,
          to,
          clientId: c.id,
          appointmentId: null,
          subject: channel === 'email' ? renderTemplate(text.subject, values) : '',
          body: renderTemplate(text.body, values),
          withIcs: false,
          dueAt: due,
        },
        settings,
        now,
      )
      queued++
    }
  }
  return queued
}
