import type { Kysely, Selectable, Updateable } from 'kysely'
import type { DB, MessagesTable } from '../../db/schema'
import type { OutboxRow } from '../../../shared/contract/messages'
import { DomainError } from '../domain-error'
import { addDays, utcToZoned, zonedToUtc } from '../diary/clinic-clock'
import { clinicTimeZone } from '../settings'

// What the Messages screen reads and does: tomorrow's reminders, failures, a client's history;
// send now, skip, retry.

type Joined = Selectable<MessagesTable> & {
  first_name: string | null
  last_name: string | null
  starts_at: string | null
}

function toRow(r: Joined): OutboxRow {
  return {
    id: r.id,
    kind: r.kind,
    channel: r.channel,
    clientId: r.client_id,
    clientName: r.first_name === null ? '' : `${r.first_name} ${r.last_name ?? ''}`.trim(),
    appointmentId: r.appointment_id,
    appointmentStartsAt: r.starts_at,
    to: r.to_address,
    subject: r.subject,
    body: r.body,
    segments: r.segments,
    costPence: r.cost_pence,
    state: r.state,
    dueAt: r.due_at,
    attempts: r.attempts,
    lastError: r.last_error,
    queuedAt: r.queued_at,
    sentAt: r.sent_at,
    failedAt: r.failed_at,
    cancelledAt: r.cancelled_at,
    cancelReason: r.cancel_reason,
    delivery: r.delivery,
  }
}

const base = (db: Kysely<DB>) =>
  db
    .selectFrom('messages as m')
    .leftJoin('clients as c', 'c.id', 'm.client_id')
    .leftJoin('appointments as a', 'a.id', 'm.appointment_id')
    .selectAll('m')
    .select(['c.first_name', 'c.last_name', 'a.starts_at'])

/**
 * One view of the outbox, at most 500 rows:
 * - tomorrow: reminders for appointments tomorrow on the clinic's clock (any state);
 * - failed: given up on, newest first;
 * - waiting: queued, due first;
 * - recent: the last 200 of any state.
 */
export async function outboxView(
  db: Kysely<DB>,
  view: 'tomorrow' | 'failed' | 'waiting' | 'recent',
  now: Date,
): Promise<OutboxRow[]> {
  let q = base(db)
  if (view === 'tomorrow') {
    const tz = await clinicTimeZone(db)
    const tomorrow = addDays(utcToZoned(now.getTime(), tz).date, 1)
    const from = new Date(zonedToUtc(tomorrow, 0, tz)).toISOString()
    const to = new Date(zonedToUtc(addDays(tomorrow, 1), 0, tz)).toISOString()
    q = q
      .where('m.kind', '=', 'reminder')
      .where('a.starts_at', '>=', from)
      .where('a.starts_at', '<', to)
      .orderBy('a.starts_at')
      .limit(500)
  } else if (view === 'failed') {
    q = q.where('m.state', '=', 'failed').orderBy('m.failed_at', 'desc').limit(500)
  } else if (view === 'waiting') {
    q = q.where('m.state', 'in', ['queued', 'sending']).orderBy('m.next_attempt_at').limit(500)
  } else {
    q = q.orderBy('m.id', 'desc').limit(200)
  }
  return (await q.execute()).map(toRow)
}

export async function clientMessages(db: Kysely<DB>, clientId: number): Promise<OutboxRow[]> {
  const rows = await base(db)
    .where('m.client_id', '=', clientId)
    .orderBy('m.id', 'desc')
    .limit(200)
    .execute()
  return rows.map(toRow)
}

export async function outboxRowById(db: Kysely<DB>, id: number): Promise<OutboxRow> {
  const row = await base(db).where('m.id', '=', id).executeTakeFirst()
  if (!row) throw new DomainError('not_found', 'That message no longer exists.')
  return toRow(row)
}

/** Counts for the banner: due and not sent, and failed. */
export async function outboxCounts(db: Kysely<DB>, now: Date) {
  const row = await db
    .selectFrom('messages')
    .select((eb) => [
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(
              eb.and([
                eb('state', 'in', ['queued', 'sending']),
                eb('due_at', '<=', now.toISOString()),
              ]),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('waiting'),
      eb.fn.sum<number>(eb.case().when('state', '=', 'failed').then(1).else(0).end()).as('failed'),
    ])
    .where('state', 'in', ['queued', 'sending', 'failed'])
    .executeTakeFirstOrThrow()
  return { waiting: Number(row.waiting ?? 0), failed: Number(row.failed ?? 0) }
}

async function change(
  db: Kysely<DB>,
  id: number,
  from: ('queued' | 'failed')[],
  set: Updateable<MessagesTable>,
  refusal: string,
): Promise<OutboxRow> {
  const done = await db
    .updateTable('messages')
    .set(set)
    .where('id', '=', id)
    .where('state', 'in', from)
    .executeTakeFirst()
  if (Number(done.numUpdatedRows) === 0) {
    await outboxRowById(db, id)
    throw new DomainError('rule_broken', refusal)
  }
  return outboxRowById(db, id)
}

/** Makes a queued message due now (quiet hours are the person's call when they press it). */
export const sendNow = (db: Kysely<DB>, id: number, now: Date) =>
  change(
    db,
    id,
    ['queued'],
    { due_at: now.toISOString(), next_attempt_at: now.toISOString() },
    'Only a message still waiting can be sent now.',
  )

/** Cancels a queued message: it will not go. */
export const skipMessage = (db: Kysely<DB>, id: number, now: Date) =>
  change(
    db,
    id,
    ['queued', 'failed'],
    { state: 'cancelled', cancelled_at: now.toISOString(), cancel_reason: 'skipped' },
    'Only a message that has not gone can be skipped.',
  )

/**
 * Queues a failed message again, with its attempts counted from nought. Refuses a reminder,
 * confirmation or "moved" message whose appointment has already begun (rule_broken): sent
 * now it would only confuse; skip it instead (a user trial retried Saturday's reminder).
 */
export async function retryMessage(db: Kysely<DB>, id: number, now: Date): Promise<OutboxRow> {
  const about = await db
    .selectFrom('messages as m')
    .leftJoin('appointments as a', 'a.id', 'm.appointment_id')
    .select(['m.kind', 'a.starts_at'])
    .where('m.id', '=', id)
    .executeTakeFirst()
  if (
    about?.starts_at &&
    ['reminder', 'confirmation', 'moved'].includes(about.kind) &&
    Date.parse(about.starts_at) <= now.getTime()
  ) {
    throw new DomainError(
      'rule_broken',
      'The appointment this is about has already begun, so it would only confuse: skip it instead.',
    )
  }
  return change(
    db,
    id,
    ['failed'],
    {
      state: 'queued',
      attempts: 0,
      failed_at: null,
      next_attempt_at: now.toISOString(),
      due_at: now.toISOString(),
    },
    'Only a failed message can be retried.',
  )
}
