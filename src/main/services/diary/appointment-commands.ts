import type { Kysely } from 'kysely'
import { clinicTimeZone } from '../settings'
import type { DiaryAppointment } from '../../../shared/contract/diary'
import type { Service } from '../../../shared/contract/diary-setup'
import type { DB } from '../../db/schema'
import type { Actor } from '../actor'
import { PAST_REFUSAL, startsInThePast } from '../../../shared/diary/past-booking'
import { DomainError } from '../domain-error'
import { findBreaches, type Breach } from './booking-rules'
import { addDays, formatDate, toTime, utcToZoned } from './clinic-clock'
import { getDiaryAppointment } from './appointment-read'
import { toService } from './service-catalogue'
import { loadDiarySetup } from './working-hours'
import { queueMessagesFor } from '../messages/queue'

const MINUTE = 60_000

export async function recordHistory(
  db: Kysely<DB>,
  appointmentId: number,
  actor: Actor,
  now: Date,
  action: string,
  summary: string,
): Promise<void> {
  await db
    .insertInto('appointment_history')
    .values({
      appointment_id: appointmentId,
      at: now.toISOString(),
      user_id: actor.userId,
      username: actor.username,
      action,
      summary,
    })
    .execute()
  // Issue 16: every change to an appointment passes here, inside its command's transaction,
  // so the confirmations and reminders it causes are queued (or cancelled) with it.
  await queueMessagesFor(db, { appointmentId, action }, now)
}

export async function loadService(db: Kysely<DB>, id: number): Promise<Service> {
  const row = await db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) {
    throw new DomainError('not_found', 'That service no longer exists.', [
      { path: 'serviceId', message: 'Choose the service again' },
    ])
  }
  return toService(row)
}

async function requireTherapist(db: Kysely<DB>, id: number) {
  const row = await db
    .selectFrom('therapists')
    .select(['id', 'name'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) {
    throw new DomainError('not_found', 'That therapist no longer exists.', [
      { path: 'therapistId', message: 'Choose the therapist again' },
    ])
  }
  return row
}

/**
 * Checks a time against every booking rule. Broken rules refuse the command with their
 * reasons, unless the owner overrides with a reason, which is then kept on the appointment.
 */
export async function checkOrOverride(
  db: Kysely<DB>,
  proposal: {
    therapistId: number
    service: Service
    startsAt: number
    endsAt: number
    roomId: number | null
    ignoreAppointmentId?: number
    clientId?: number
  },
  actor: Actor,
  override: { reason: string } | undefined,
): Promise<{ roomId: number | null; overridden: Breach[] }> {
  const tz = await clinicTimeZone(db)
  const date = utcToZoned(proposal.startsAt, tz).date
  const setup = await loadDiarySetup(db, {
    fromDate: addDays(date, -1),
    toDate: addDays(date, 1),
    therapistIds: [proposal.therapistId],
  })
  const { breaches, roomId } = await findBreaches(db, setup, {
    ...proposal,
    blockedUntil: proposal.endsAt + proposal.service.bufferAfterMinutes * MINUTE,
  })
  if (breaches.length === 0) return { roomId, overridden: [] }
  if (override && actor.role === 'owner') return { roomId, overridden: breaches }
  if (override) {
    throw new DomainError('forbidden', 'Only the owner can override the booking rules.')
  }
  throw new DomainError(
    'rule_broken',
    breaches.map((b) => b.message).join(' '),
    breaches.map((b) => ({ path: 'startsAt', message: b.message })),
  )
}

export interface BookValues {
  clientId: number
  serviceId: number
  therapistId: number
  startsAt: string
  roomId: number | null
  notes: string
  seriesId?: number | null
  override?: { reason: string } | undefined
  /** Booking a start in the past on purpose (catching up); refused without it. */
  confirmPast?: boolean | undefined
}

/**
 * Refuses a start in the past unless the caller confirmed it (shared/diary/past-booking.ts):
 * every caller, not only the booking dialog, has to say a past booking is on purpose.
 */
export function refusePastUnconfirmed(startsAt: number, now: Date, confirmed: boolean | undefined) {
  if (!confirmed && startsInThePast(startsAt, now.getTime())) {
    throw new DomainError('rule_broken', PAST_REFUSAL.message, [{ ...PAST_REFUSAL }])
  }
}

export async function bookAppointment(
  db: Kysely<DB>,
  v: BookValues,
  actor: Actor,
  now: Date,
): Promise<DiaryAppointment> {
  const client = await db
    .selectFrom('clients')
    .select(['id', 'archived_at', 'merged_into_id'])
    .where('id', '=', v.clientId)
    .executeTakeFirst()
  if (!client || client.merged_into_id !== null) {
    throw new DomainError('not_found', 'That client record no longer exists.', [
      { path: 'clientId', message: 'Find the client again' },
    ])
  }
  if (client.archived_at !== null) {
    throw new DomainError('rule_broken', 'That client is archived; restore the record first.', [
      { path: 'clientId', message: 'Archived client' },
    ])
  }
  const service = await loadService(db, v.serviceId)
  await requireTherapist(db, v.therapistId)
  const startsAt = Date.parse(v.startsAt)
  refusePastUnconfirmed(startsAt, now, v.confirmPast)
  const endsAt = startsAt + service.durationMinutes * MINUTE
  const { roomId, overridden } = await checkOrOverride(
    db,
    {
      therapistId: v.therapistId,
      service,
      startsAt,
      endsAt,
      roomId: v.roomId,
      clientId: v.clientId,
    },
    actor,
    v.override,
  )
  const at = now.toISOString()
  const { id } = await db
    .insertInto('appointments')
    .values({
      client_id: v.clientId,
      therapist_id: v.therapistId,
      service_id: service.id,
      room_id: roomId,
      series_id: v.seriesId ?? null,
      starts_at: new Date(startsAt).toISOString(),
      ends_at: new Date(endsAt).toISOString(),
      blocked_until: new Date(endsAt + service.bufferAfterMinutes * MINUTE).toISOString(),
      price_pence: service.pricePence,
      notes: v.notes,
      override_reason: overridden.length ? (v.override?.reason ?? null) : null,
      created_at: at,
      created_by: actor.userId,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await recordHistory(db, id, actor, now, 'booked', `Booked ${service.name}`)
  if (overridden.length) {
    await recordHistory(
      db,
      id,
      actor,
      now,
      'override',
      `Rules overridden (${overridden.map((b) => b.message).join(' ')}) because: ${v.override?.reason}`,
    )
  }
  return getDiaryAppointment(db, id)
}

export async function loadAppointment(db: Kysely<DB>, id: number) {
  const row = await db
    .selectFrom('appointments')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw new DomainError('not_found', 'That appointment no longer exists.')
  return row
}

export async function moveAppointment(
  db: Kysely<DB>,
  v: {
    id: number
    therapistId: number
    startsAt: string
    endsAt?: string | undefined
    override?: { reason: string } | undefined
    confirmPast?: boolean | undefined
  },
  actor: Actor,
  now: Date,
): Promise<{ appointment: DiaryAppointment; summary: string }> {
  const before = await loadAppointment(db, v.id)
  if (
    before.status === 'cancelled' ||
    before.status === 'completed' ||
    before.status === 'no_show'
  ) {
    throw new DomainError(
      'rule_broken',
      `A ${before.status === 'no_show' ? 'did-not-attend' : before.status} appointment cannot be moved.`,
    )
  }
  const service = await loadService(db, before.service_id)
  const therapist = await requireTherapist(db, v.therapistId)
  const startsAt = Date.parse(v.startsAt)
  const endsAt = v.endsAt
    ? Date.parse(v.endsAt)
    : startsAt + (Date.parse(before.ends_at) - Date.parse(before.starts_at))
  // A resize keeps the start: only a new start in the past needs confirming.
  if (startsAt !== Date.parse(before.starts_at)) refusePastUnconfirmed(startsAt, now, v.confirmPast)
  if (endsAt - startsAt < 15 * MINUTE) {
    throw new DomainError('rule_broken', 'An appointment lasts at least 15 minutes.')
  }
  const { roomId, overridden } = await checkOrOverride(
    db,
    {
      therapistId: v.therapistId,
      service,
      startsAt,
      endsAt,
      roomId: service.needsRoom ? null : before.room_id,
      ignoreAppointmentId: v.id,
      clientId: before.client_id,
    },
    actor,
    v.override,
  )
  await db
    .updateTable('appointments')
    .set({
      therapist_id: v.therapistId,
      room_id: roomId,
      starts_at: new Date(startsAt).toISOString(),
      ends_at: new Date(endsAt).toISOString(),
      blocked_until: new Date(endsAt + service.bufferAfterMinutes * MINUTE).toISOString(),
      ...(overridden.length ? { override_reason: v.override?.reason ?? null } : {}),
      updated_at: now.toISOString(),
    })
    .where('id', '=', v.id)
    .execute()
  const tz = await clinicTimeZone(db)
  const describe = (s: number, e: number, who: string) => {
    const a = utcToZoned(s, tz)
    return `${formatDate(a.date, true)} ${toTime(a.minutes)}–${toTime(utcToZoned(e, tz).minutes)} with ${who}`
  }
  const fromTherapist = await requireTherapist(db, before.therapist_id)
  const summary = `Moved from ${describe(Date.parse(before.starts_at), Date.parse(before.ends_at), fromTherapist.name)} to ${describe(startsAt, endsAt, therapist.name)}`
  await recordHistory(db, v.id, actor, now, 'moved', summary)
  if (overridden.length) {
    await recordHistory(
      db,
      v.id,
      actor,
      now,
      'override',
      `Rules overridden (${overridden.map((b) => b.message).join(' ')}) because: ${v.override?.reason}`,
    )
  }
  return { appointment: await getDiaryAppointment(db, v.id), summary }
}
