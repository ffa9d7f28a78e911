import type { Kysely } from 'kysely'
import { clinicTimeZone } from '../settings'
import type { DB } from '../../db/schema'
import type { Actor } from '../actor'
import { DomainError } from '../domain-error'
import { bookAppointment, loadService } from './appointment-commands'
import { findBreaches } from './booking-rules'
import { addDays, formatDate, toTime, utcToZoned, zonedToUtc } from './clinic-clock'
import { loadDiarySetup } from './working-hours'

const MINUTE = 60_000
const MOST_OCCURRENCES = 52

/**
 * Occurrence starts of "every N weeks", K times or until a date, worked out on the clinic's
 * wall clock: a 09:00 booking stays at 09:00 when the clocks change (its UTC time moves).
 */
export function occurrenceStarts(
  first: number,
  rule: { everyWeeks: number; count?: number | undefined; until?: string | undefined },
  timeZone: string,
): number[] {
  const { date, minutes } = utcToZoned(first, timeZone)
  const limit = Math.min(rule.count ?? MOST_OCCURRENCES, MOST_OCCURRENCES)
  const starts: number[] = []
  for (let i = 0; starts.length < limit; i++) {
    const day = addDays(date, i * 7 * rule.everyWeeks)
    if (rule.until && day > rule.until) break
    if (!rule.count && !rule.until && i >= MOST_OCCURRENCES) break
    starts.push(zonedToUtc(day, minutes, timeZone))
  }
  return starts
}

export interface SeriesValues {
  clientId: number
  serviceId: number
  therapistId: number
  startsAt: string
  roomId: number | null
  notes: string
  everyWeeks: number
  count?: number | undefined
  until?: string | undefined
  skip: string[]
  dryRun: boolean
  confirmPast?: boolean | undefined
}

export async function bookSeries(db: Kysely<DB>, v: SeriesValues, actor: Actor, now: Date) {
  if (v.count === undefined && v.until === undefined) {
    throw new DomainError('rule_broken', 'Say how many times, or until when.', [
      { path: 'count', message: 'Enter how many times, or an end date' },
    ])
  }
  const service = await loadService(db, v.serviceId)
  const tz = await clinicTimeZone(db)
  const starts = occurrenceStarts(Date.parse(v.startsAt), v, tz)
  const first = utcToZoned(starts[0]!, tz).date
  const last = utcToZoned(starts.at(-1)!, tz).date
  const setup = await loadDiarySetup(db, {
    fromDate: addDays(first, -1),
    toDate: addDays(last, 1),
    therapistIds: [v.therapistId],
  })
  if (!setup.therapists.has(v.therapistId)) {
    throw new DomainError('not_found', 'That therapist no longer exists.')
  }
  const skip = new Set(v.skip.map((s) => Date.parse(s)))
  const occurrences = []
  for (const s of starts) {
    const e = s + service.durationMinutes * MINUTE
    const skipped = skip.has(s)
    const { breaches } = skipped
      ? { breaches: [] }
      : await findBreaches(db, setup, {
          therapistId: v.therapistId,
          service,
          startsAt: s,
          endsAt: e,
          blockedUntil: e + service.bufferAfterMinutes * MINUTE,
          roomId: v.roomId,
          clientId: v.clientId,
        })
    occurrences.push({
      startsAt: new Date(s).toISOString(),
      endsAt: new Date(e).toISOString(),
      conflicts: breaches.map((b) => b.message),
      skipped,
      appointmentId: null as number | null,
    })
  }
  const clashing = occurrences.filter((o) => o.conflicts.length > 0)
  if (v.dryRun) return { seriesId: null, occurrences }
  if (clashing.length > 0) {
    const when = clashing
      .slice(0, 3)
      .map((o) => {
        const z = utcToZoned(Date.parse(o.startsAt), tz)
        return `${formatDate(z.date, true)} ${toTime(z.minutes)}`
      })
      .join(', ')
    throw new DomainError(
      'rule_broken',
      `${clashing.length} of the dates clash (${when}${clashing.length > 3 ? ', …' : ''}): skip them or choose another time.`,
    )
  }
  const { id: seriesId } = await db
    .insertInto('appointment_series')
    .values({
      every_weeks: v.everyWeeks,
      local_time: toTime(utcToZoned(starts[0]!, tz).minutes),
      created_at: now.toISOString(),
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const o of occurrences) {
    if (o.skipped) continue
    const booked = await bookAppointment(
      db,
      {
        clientId: v.clientId,
        serviceId: v.serviceId,
        therapistId: v.therapistId,
        startsAt: o.startsAt,
        roomId: v.roomId,
        notes: v.notes,
        seriesId,
        confirmPast: v.confirmPast,
      },
      actor,
      now,
    )
    o.appointmentId = booked.id
  }
  return { seriesId, occurrences }
}
