import type { Kysely } from 'kysely'
import type { DB, MessageChannel, MessageKind } from '../../db/schema'
import {
  renderTemplate,
  type PlaceholderValues,
  type TemplateKind,
} from '../../../shared/messages/templates'
import { compiledOnce, slot } from '../../db/compiled-once'
import { smsSegments } from '../../../shared/messages/sms-segments'
import { formatLongDate } from './message-dates'
import { utcToZoned, toTime } from '../diary/clinic-clock'
import { messageSettingsRow, quietOf, type MessageSettingsRow } from './message-settings'
import { templateFor, templatesFor } from './template-store'
import { daysAfter, reminderDue, sendableFrom } from './timing'

// Issue 16: messages are written in the same transaction as the appointment change that
// causes them (recordHistory calls queueMessagesFor), so a command that rolls back queues
// nothing and one that commits cannot lose its messages. Each message has an idempotency key
// naming its cause; inserting a key already there does nothing, so a replay cannot queue twice.

/** An appointment change, as appointment_history records it ('booked', 'moved', ...). */
export interface AppointmentEvent {
  appointmentId: number
  action: string
}

/** The actions that cause messages, and the kinds each may queue. */
const KINDS_FOR: Partial<Record<string, TemplateKind[]>> = {
  booked: ['confirmation', 'reminder'],
  moved: ['moved', 'reminder'],
  cancelled: ['cancelled'],
  no_show: ['dna'],
  completed: ['aftercare'],
  arrived: [],
}

const factsQuery = compiledOnce(
  (db: Kysely<DB>) =>
    db
      .selectFrom('appointments as a')
      .innerJoin('clients as c', 'c.id', 'a.client_id')
      .innerJoin('services as s', 's.id', 'a.service_id')
      .innerJoin('therapists as t', 't.id', 'a.therapist_id')
      .innerJoin('clinic_settings as cs', (j) => j.on('cs.id', '=', 1))
      .leftJoin('message_aftercare as ac', 'ac.service_id', 'a.service_id')
      .select([
        'a.id',
        'a.client_id',
        'a.series_id',
        'a.starts_at',
        'a.status',
        'c.first_name',
        'c.preferred_name',
        'c.email',
        'c.mobile',
        'c.message_channel',
        'c.anonymised_at',
        's.name as service_name',
        't.name as therapist_name',
        'cs.clinic_name',
        'cs.address',
        'cs.phone',
        'cs.time_zone',
        'ac.days as aftercare_days',
      ])
      .where('a.id', '=', slot(0)),
  1,
)

/** What a message about this appointment says and where it goes; undefined if no such appointment. */
export async function loadFacts(db: Kysely<DB>, appointmentId: number) {
  return (await factsQuery(db, appointmentId))[0]
}
type Facts = NonNullable<Awaited<ReturnType<typeof loadFacts>>>

/** The channels this client gets service messages on now: their choice, what they have, what is set up. */
export function channelsFor(
  client: { message_channel: string; email: string; mobile: string },
  settings: MessageSettingsRow,
): { channel: MessageChannel; to: string }[] {
  const out: { channel: MessageChannel; to: string }[] = []
  const wants = client.message_channel
  if ((wants === 'email' || wants === 'both') && settings.email_enabled && client.email.trim()) {
    out.push({ channel: 'email', to: client.email.trim() })
  }
  if ((wants === 'sms' || wants === 'both') && settings.sms_enabled && client.mobile.trim()) {
    out.push({ channel: 'sms', to: client.mobile.trim() })
  }
  return out
}

export function valuesFor(f: Facts): PlaceholderValues {
  const local = utcToZoned(Date.parse(f.starts_at), f.time_zone)
  return {
    firstName: f.preferred_name.trim() || f.first_name,
    date: formatLongDate(local.date),
    time: toTime(local.minutes),
    therapist: f.therapist_name,
    service: f.service_name,
    clinicName: f.clinic_name,
    clinicAddress: f.address.replace(/\s*\n\s*/g, ', '),
    clinicPhone: f.phone,
  }
}

export interface NewMessage {
  key: string
  kind: MessageKind
  channel: MessageChannel
  to: string
  clientId: number | null
  appointmentId: number | null
  subject: string
  body: string
  withIcs: boolean
  dueAt: number
  /** On a key already used by a cancelled message, queue it again (a move back). */
  revive?: boolean
}

/** Writes one message to the outbox unless its key is already there. */
export async function enqueue(
  db: Kysely<DB>,
  m: NewMessage,
  settings: MessageSettingsRow,
  now: Date,
): Promise<void> {
  await enqueueAll(db, [m], settings, now)
}

/**
 * Writes messages to the outbox in one INSERT, each unless its key is already there (or, with
 * `revive`, only over a cancelled one). All of `ms` share one `revive`: one statement, not one
 * per channel, on the booking's hot path.
 */
export async function enqueueAll(
  db: Kysely<DB>,
  ms: NewMessage[],
  settings: MessageSettingsRow,
  now: Date,
): Promise<void> {
  if (ms.length === 0) return
  const revive = ms[0]!.revive === true
  const rows = ms.map((m) => {
    const sms = m.channel === 'sms' ? smsSegments(m.body) : null
    const due = new Date(m.dueAt).toISOString()
    return {
      idem_key: m.key,
      kind: m.kind,
      channel: m.channel,
      client_id: m.clientId,
      appointment_id: m.appointmentId,
      to_address: m.to,
      subject: m.subject,
      body: m.body,
      with_ics: m.withIcs ? 1 : 0,
      segments: sms?.segments ?? 0,
      cost_pence: sms ? sms.segments * settings.sms_pence_per_segment : 0,
      due_at: due,
      next_attempt_at: due,
      queued_at: now.toISOString(),
    }
  })
  await db
    .insertInto('messages')
    .values(rows)
    .onConflict((oc) =>
      revive
        ? oc
            .column('idem_key')
            .doUpdateSet((eb) => ({
              // The row already there takes the new values (SQLite's `excluded` row).
              to_address: eb.ref('excluded.to_address'),
              subject: eb.ref('excluded.subject'),
              body: eb.ref('excluded.body'),
              with_ics: eb.ref('excluded.with_ics'),
              segments: eb.ref('excluded.segments'),
              cost_pence: eb.ref('excluded.cost_pence'),
              due_at: eb.ref('excluded.due_at'),
              next_attempt_at: eb.ref('excluded.next_attempt_at'),
              queued_at: eb.ref('excluded.queued_at'),
              state: 'queued',
              attempts: 0,
              cancelled_at: null,
              cancel_reason: null,
              last_error: null,
            }))
            .where('messages.state', '=', 'cancelled')
        : oc.column('idem_key').doNothing(),
    )
    .execute()
}

/** Cancels an appointment's messages of these kinds that have not gone yet. */
export async function cancelPending(
  db: Kysely<DB>,
  appointmentId: number,
  kinds: MessageKind[],
  reason: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('messages')
    .set({ state: 'cancelled', cancelled_at: now.toISOString(), cancel_reason: reason })
    .where('appointment_id', '=', appointmentId)
    .where('kind', 'in', kinds)
    .where('state', '=', 'queued')
    .execute()
}

/**
 * Queues (and cancels or rewrites) the messages an appointment change causes, inside the
 * change's own transaction. Cheap when messaging is off: one settings read.
 * - booked: a confirmation (one for a whole series) and a reminder;
 * - moved: the reminder rewritten for the new time, an unsent confirmation rewritten, else a
 *   "moved" message (one per command for a series);
 * - cancelled: unsent confirmation, reminder and "moved" cancelled, a "cancelled" message;
 * - no_show: the reminder cancelled, a did-not-attend follow-up;
 * - completed: the service's aftercare follow-up N days after, if it has one;
 * - arrived / booked again (an undo): the follow-ups not yet sent are cancelled.
 * Only future appointments get confirmations, reminders and change messages.
 */
export async function queueMessagesFor(
  db: Kysely<DB>,
  event: AppointmentEvent,
  now: Date,
): Promise<void> {
  if (!KINDS_FOR[event.action]) return
  const settings = await messageSettingsRow(db)
  if (!settings.email_enabled && !settings.sms_enabled) return
  const f = await loadFacts(db, event.appointmentId)
  if (!f || f.anonymised_at !== null) return
  const id = f.id
  const startsAt = Date.parse(f.starts_at)
  const future = startsAt > now.getTime()
  const q = quietOf(settings)
  const soon = sendableFrom(now.getTime(), q, f.time_zone)
  const channels = channelsFor(f, settings)
  const values = valuesFor(f)
  const nowMs = now.getTime()

  const templates = await templatesFor(db, KINDS_FOR[event.action]!)
  const queue = async (
    kind: TemplateKind,
    key: (channel: MessageChannel) => string,
    dueAt: number,
    options: { withIcs?: boolean; revive?: boolean } = {},
  ) => {
    const messages = channels.map(({ channel, to }): NewMessage => {
      const text = templates(kind, channel)
      return {
        key: key(channel),
        kind,
        channel,
        to,
        clientId: f.client_id,
        appointmentId: id,
        subject: channel === 'email' ? renderTemplate(text.subject, values) : '',
        body: renderTemplate(text.body, values),
        withIcs: channel === 'email' && !!options.withIcs,
        dueAt,
        ...(options.revive ? { revive: true } : {}),
      }
    })
    await enqueueAll(db, messages, settings, now)
  }
  const queueReminder = async () => {
    const due = reminderDue(startsAt, settings.reminder_hours, q, f.time_zone, nowMs)
    if (due !== null) {
      await queue('reminder', (ch) => `reminder:${id}:${f.starts_at}:${ch}`, due, { revive: true })
    }
  }

  switch (event.action) {
    case 'booked': {
      await cancelPending(db, id, ['dna', 'aftercare'], 'booked again', now)
      if (!future) return
      const confirmKey = f.series_id !== null ? `series:${f.series_id}` : `${id}`
      await queue('confirmation', (ch) => `confirmation:${confirmKey}:${ch}`, soon, {
        withIcs: true,
      })
      await queueReminder()
      return
    }
    case 'moved': {
      await cancelPending(db, id, ['reminder'], 'appointment moved', now)
      if (!future) return
      const rewritten = await rewriteUnsentConfirmation(db, f, values, now)
      if (!rewritten) {
        await cancelPending(db, id, ['moved'], 'moved again', now)
        const scope = f.series_id !== null ? `series:${f.series_id}` : `${id}`
        await queue('moved', (ch) => `moved:${scope}:${nowMs}:${ch}`, soon, { withIcs: true })
      }
      await queueReminder()
      return
    }
    case 'cancelled': {
      await cancelPending(
        db,
        id,
        ['confirmation', 'reminder', 'moved'],
        'appointment cancelled',
        now,
      )
      if (!future) return
      const scope = f.series_id !== null ? `series:${f.series_id}:${nowMs}` : `${id}`
      await queue('cancelled', (ch) => `cancelled:${scope}:${ch}`, soon)
      return
    }
    case 'no_show':
      await cancelPending(db, id, ['reminder'], 'did not attend', now)
      await queue('dna', (ch) => `dna:${id}:${ch}`, soon)
      return
    case 'completed':
      if (f.aftercare_days !== null) {
        const due = daysAfter(startsAt, f.aftercare_days, q, f.time_zone)
        await queue('aftercare', (ch) => `aftercare:${id}:${ch}`, due, { revive: true })
      }
      return
    case 'arrived':
      await cancelPending(db, id, ['reminder', 'aftercare'], 'client arrived', now)
      return
  }
}

/** A confirmation not sent yet says the new time instead: no "moved" message needed. */
async function rewriteUnsentConfirmation(
  db: Kysely<DB>,
  f: Facts,
  values: PlaceholderValues,
  now: Date,
): Promise<boolean> {
  const pending = await db
    .selectFrom('messages')
    .select(['id', 'channel'])
    .where('appointment_id', '=', f.id)
    .where('kind', '=', 'confirmation')
    .where('state', '=', 'queued')
    .execute()
  for (const m of pending) {
    const text = await templateFor(db, 'confirmation', m.channel)
    await db
      .updateTable('messages')
      .set({
        subject: m.channel === 'email' ? renderTemplate(text.subject, values) : '',
        body: renderTemplate(text.body, values),
        queued_at: now.toISOString(),
      })
      .where('id', '=', m.id)
      .execute()
  }
  return pending.length > 0
}
