import type { Kysely } from 'kysely'
import { clinicTimeZone } from '../settings'
import type { DB } from '../../db/schema'
import type { Actor } from '../actor'
import { DomainError } from '../domain-error'
import { loadService, recordHistory, refusePastUnconfirmed } from './appointment-commands'
import { findBreaches } from './booking-rules'
import { addDays, formatDate, toTime, utcToZoned, zonedToUtc } from './clinic-clock'
import { loadDiarySetup } from './working-hours'

const MINUTE = 60_000
const DAY_MINUTES = 1440

export type SeriesScope = 'one' | 'following' | 'all'

export interface SeriesMoveValues {
  /** The occurrence the user moved (dragged, or rescheduled in its dialog). */
  id: number
  therapistId: number
  /** Where that occurrence goes; the others in scope shift by the same wall-clock amount. */
  startsAt: string
  scope: SeriesScope
  dryRun: boolean
  /** Moving into the past on purpose (catching up); refused without it. */
  confirmPast?: boolean | undefined
}

export interface MovedOccurrence {
  appointmentId: number
  fromStartsAt: string
  startsAt: string
  endsAt: string
  conflicts: string[]
}

/** Whole days from one local date to another (both 'YYYY-MM-DD'). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/** A local date and minutes moved by a number of wall-clock minutes (may cross midnight). */
function shiftWallClock(date: string, minutes: number, by: number) {
  const total = minutes + by
  const days = Math.floor(total / DAY_MINUTES)
  return { date: addDays(date, days), minutes: total - days * DAY_MINUTES }
}

/**
 * Moves one occurrence of a repeating booking, or it and the ones after it, or every one
 * still to come. The shift is worked out on the clinic's wall clock, not in UTC, so a series
 * at 09:00 moved to 10:00 is at 10:00 on both sides of the clocks changing. Every moved
 * occurrence is checked against the booking rules; if any breaks one, nothing moves and the
 * clashes come back, each with its reason (the router rolls the transaction back).
 */
export async function moveSeries(
  db: Kysely<DB>,
  v: SeriesMoveValues,
  actor: Actor,
  now: Date,
): Promise<{ seriesId: number | null; occurrences: MovedOccurrence[] }> {
  const target = await db
    .selectFrom('appointments')
    .selectAll()
    .where('id', '=', v.id)
    .executeTakeFirst()
  if (!target) throw new DomainError('not_found', 'That appointment no longer exists.')
  if (target.status !== 'booked' && target.status !== 'arrived') {
    throw new DomainError('rule_broken', 'Only a booked appointment can be moved.')
  }
  const therapist = await db
    .selectFrom('therapists')
    .select(['id', 'name'])
    .where('id', '=', v.therapistId)
    .executeTakeFirst()
  if (!therapist) {
    throw new DomainError('not_found', 'That therapist no longer exists.', [
      { path: 'therapistId', message: 'Choose the therapist again' },
    ])
  }

  let rows = [target]
  if (v.scope !== 'one' && target.series_id !== null) {
    // "All" is every occurrence still to come (the past stays as it happened), as for cancel.
    const from = v.scope === 'following' ? target.starts_at : now.toISOString()
    const others = await db
      .selectFrom('appointments')
      .selectAll()
      .where('series_id', '=', target.series_id)
      .where('status', '=', 'booked')
      .where('id', '!=', target.id)
      .where('starts_at', '>=', from < target.starts_at ? from : target.starts_at)
      .execute()
    rows = [target, ...others].sort((a, b) => a.starts_at.localeCompare(b.starts_at))
  }

  const tz = await clinicTimeZone(db)
  const was = utcToZoned(Date.parse(target.starts_at), tz)
  const goes = utcToZoned(Date.parse(v.startsAt), tz)
  const shift = daysBetween(was.date, goes.date) * DAY_MINUTES + goes.minutes - was.minutes

  const planned = rows.map((r) => {
    const z = utcToZoned(Date.parse(r.starts_at), tz)
    const to = shiftWallClock(z.date, z.minutes, shift)
    const startsAt = zonedToUtc(to.date, to.minutes, tz)
    const length = Date.parse(r.ends_at) - Date.parse(r.starts_at)
    return { row: r, date: to.date, startsAt, endsAt: startsAt + length }
  })

  const service = await loadService(db, target.service_id)
  const dates = planned.map((p) => p.date).sort()
  const setup = await loadDiarySetup(db, {
    fromDate: addDays(dates[0]!, -1),
    toDate: addDays(dates.at(-1)!, 1),
    therapistIds: [v.therapistId],
  })
  const moving = rows.map((r) => r.id)
  const occurrences: (MovedOccurrence & { roomId: number | null })[] = []
  for (const p of planned) {
    const { breaches, roomId } = await findBreaches(db, setup, {
      therapistId: v.therapistId,
      service,
      startsAt: p.startsAt,
      endsAt: p.endsAt,
      blockedUntil: p.endsAt + service.bufferAfterMinutes * MINUTE,
      roomId: service.needsRoom ? null : p.row.room_id,
      ignoreAppointmentIds: moving,
      clientId: p.row.client_id,
    })
    occurrences.push({
      appointmentId: p.row.id,
      fromStartsAt: p.row.starts_at,
      startsAt: new Date(p.startsAt).toISOString(),
      endsAt: new Date(p.endsAt).toISOString(),
      conflicts: breaches.map((b) => b.message),
      roomId,
    })
  }
  const result = occurrences.map(({ roomId: _room, ...o }) => o)
  if (v.dryRun) return { seriesId: target.series_id, occurrences: result }
  for (const o of occurrences) {
    if (o.startsAt !== o.fromStartsAt)
      refusePastUnconfirmed(Date.parse(o.startsAt), now, v.confirmPast)
  }

  const clashing = occurrences.filter((o) => o.conflicts.length > 0)
  const label = (iso: string) => {
    const z = utcToZoned(Date.parse(iso), tz)
    return `${formatDate(z.date, true)} ${toTime(z.minutes)}`
  }
  if (clashing.length > 0) {
    throw new DomainError(
      'rule_broken',
      clashing.length === occurrences.length && occurrences.length === 1
        ? clashing[0]!.conflicts.join(' ')
        : `${clashing.length} of the ${occurrences.length} appointments would clash, so none were moved: ` +
            clashing.map((o) => `${label(o.startsAt)}: ${o.conflicts.join(' ')}`).join(' '),
      clashing.map((o) => ({
        path: `occurrences.${occurrences.indexOf(o)}`,
        message: `${label(o.startsAt)}: ${o.conflicts.join(' ')}`,
      })),
    )
  }

  const seriesId = await reshapeSeries(
    db,
    target.series_id,
    v.scope,
    moving,
    goes.minutes,
    now,
    actor,
  )
  for (const o of occurrences) {
    const before = rows.find((r) => r.id === o.appointmentId)!
    await db
      .updateTable('appointments')
      .set({
        therapist_id: v.therapistId,
        room_id: o.roomId,
        series_id: seriesId,
        starts_at: o.startsAt,
        ends_at: o.endsAt,
        blocked_until: new Date(
          Date.parse(o.endsAt) + service.bufferAfterMinutes * MINUTE,
        ).toISOString(),
        updated_at: now.toISOString(),
      })
      .where('id', '=', o.appointmentId)
      .execute()
    const how =
      v.scope === 'one' ? '' : v.scope === 'following' ? ' with the following' : ' with the series'
    await recordHistory(
      db,
      o.appointmentId,
      actor,
      now,
      'moved',
      `Moved${how} from ${label(before.starts_at)} to ${label(o.startsAt)} with ${therapist.name}`,
    )
  }
  return { seriesId, occurrences: result }
}

/**
 * The series the moved occurrences belong to afterwards. "This and following" splits the
 * series in two (the earlier ones keep the old time), so later edits to either half stay
 * apart; "all" gives the series its new time; "this one" leaves the series as it was.
 */
async function reshapeSeries(
  db: Kysely<DB>,
  seriesId: number | null,
  scope: SeriesScope,
  moving: number[],
  newMinutes: number,
  now: Date,
  actor: Actor,
): Promise<number | null> {
  if (seriesId === null || scope === 'one') return seriesId
  const series = await db
    .selectFrom('appointment_series')
    .selectAll()
    .where('id', '=', seriesId)
    .executeTakeFirstOrThrow()
  const left = await db
    .selectFrom('appointments')
    .select('id')
    .where('series_id', '=', seriesId)
    .where('id', 'not in', moving)
    .where('status', '!=', 'cancelled')
    .executeTakeFirst()
  if (scope === 'all' || !left) {
    await db
      .updateTable('appointment_series')
      .set({ local_time: toTime(newMinutes) })
      .where('id', '=', seriesId)
      .execute()
    return seriesId
  }
  const { id } = await db
    .insertInto('appointment_series')
    .values({
      every_weeks: series.every_weeks,
      local_time: toTime(newMinutes),
      created_at: now.toISOString(),
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}
