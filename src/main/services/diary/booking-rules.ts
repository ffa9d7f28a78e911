import type { Kysely } from 'kysely'
import type { Service } from '../../../shared/contract/diary-setup'
import type { DB } from '../../db/schema'
import {
  DAY_MS,
  formatDate,
  formatDateRange,
  toTime,
  utcToZoned,
  weekdayPlural,
} from './clinic-clock'
import { partTimeOffOn, timeOffOn, type DiarySetup, type Span } from './working-hours'

export type RuleName =
  | 'service_inactive'
  | 'therapist_inactive'
  | 'not_offered'
  | 'one_day'
  | 'closed'
  | 'opening_hours'
  | 'time_off'
  | 'working_hours'
  | 'break'
  | 'therapist_busy'
  | 'room_busy'
  | 'client_busy'

export interface Breach {
  rule: RuleName
  message: string
}

export interface Proposal {
  therapistId: number
  service: Service
  startsAt: number
  endsAt: number
  /** endsAt + the service's buffer: the therapist is not free again before this. */
  blockedUntil: number
  roomId: number | null
  /**
   * The client being booked, when known: a person cannot be in two treatment rooms at once,
   * so another therapist's booking of theirs overlapping [startsAt, endsAt) is a breach.
   * The clean-up buffer does not count: it is the therapist's time, not the client's.
   */
  clientId?: number | undefined
  /** The appointment being moved, which must not clash with itself. */
  ignoreAppointmentId?: number
  /** Occurrences of a series moved together: none of them may clash with its old place. */
  ignoreAppointmentIds?: number[]
}

/** Longest a booking can be: bounds the overlap search so it stays an index range scan. */
export const LONGEST_BOOKING_MS = DAY_MS

function iso(ms: number) {
  return new Date(ms).toISOString()
}

/** Who holds a therapist's or a room's time overlapping [from, to): everything not cancelled. */
export async function busyAppointments(
  db: Kysely<DB>,
  by: { therapistId: number } | { roomId: number },
  from: number,
  to: number,
  ignore?: number | number[],
) {
  let q = db
    .selectFrom('appointments')
    .select(['id', 'starts_at', 'ends_at', 'blocked_until', 'room_id', 'therapist_id'])
    .where('starts_at', '>=', iso(from - LONGEST_BOOKING_MS))
    .where('starts_at', '<', iso(to))
    .where('blocked_until', '>', iso(from))
    .where('status', '!=', 'cancelled')
  q =
    'therapistId' in by
      ? q.where('therapist_id', '=', by.therapistId)
      : q.where('room_id', '=', by.roomId)
  if (typeof ignore === 'number') q = q.where('id', '!=', ignore)
  else if (ignore && ignore.length > 0) q = q.where('id', 'not in', ignore)
  return q.orderBy('starts_at').execute()
}

/**
 * A client's bookings (not cancelled) overlapping [from, to), with the therapist's name. Uses appointments_by_client_start; the lower bound on starts_at
 * keeps it a range scan (no booking is longer than LONGEST_BOOKING_MS).
 */
export async function clientAppointments(
  db: Kysely<DB>,
  clientId: number,
  from: number,
  to: number,
  ignore?: number | number[],
) {
  let q = db
    .selectFrom('appointments as a')
    .innerJoin('therapists as t', 't.id', 'a.therapist_id')
    .select(['a.id', 'a.starts_at', 'a.ends_at', 'a.therapist_id', 't.name as therapist_name'])
    .where('a.client_id', '=', clientId)
    .where('a.starts_at', '>=', iso(from - LONGEST_BOOKING_MS))
    .where('a.starts_at', '<', iso(to))
    .where('a.ends_at', '>', iso(from))
    .where('a.status', '!=', 'cancelled')
  if (typeof ignore === 'number') q = q.where('a.id', '!=', ignore)
  else if (ignore && ignore.length > 0) q = q.where('a.id', 'not in', ignore)
  return q.orderBy('a.starts_at').execute()
}

function listRanges(spans: Span[]): string {
  const parts = spans.map(([s, e]) => `${toTime(s)}–${toTime(e)}`)
  return parts.length <= 1
    ? (parts[0] ?? '')
    : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
}

/** "on holiday", "off sick", or "off (training course)". */
function offPhrase(reason: string): string {
  const r = reason.trim().toLowerCase()
  if (/holiday|annual leave|vacation/.test(r)) return 'on holiday'
  if (/sick|ill/.test(r)) return 'off sick'
  return `off (${reason.trim()})`
}

/**
 * Every rule a booking would break, in the order the clinic thinks of them. Empty means it
 * can be booked. Also picks a free room when the service needs one and none was chosen.
 */
export async function findBreaches(
  db: Kysely<DB>,
  setup: DiarySetup,
  p: Proposal,
): Promise<{ breaches: Breach[]; roomId: number | null }> {
  const breaches: Breach[] = []
  const ignore = p.ignoreAppointmentIds ?? p.ignoreAppointmentId
  const plan = setup.therapists.get(p.therapistId)
  const tz = setup.timeZone
  if (!plan) throw new Error(`therapist ${p.therapistId} not loaded`)
  const name = plan.name
  if (!p.service.active) {
    breaches.push({ rule: 'service_inactive', message: `${p.service.name} is no longer offered.` })
  }
  if (!plan.active) {
    breaches.push({ rule: 'therapist_inactive', message: `${name} no longer takes bookings.` })
  }
  if (!plan.serviceIds.has(p.service.id)) {
    breaches.push({ rule: 'not_offered', message: `${name} does not offer ${p.service.name}.` })
  }

  const start = utcToZoned(p.startsAt, tz)
  const end = utcToZoned(p.endsAt, tz)
  const endMinutes = end.date === start.date ? end.minutes : end.minutes + 1440
  if (endMinutes > 1440 || (end.date !== start.date && end.minutes !== 0)) {
    breaches.push({
      rule: 'one_day',
      message: 'An appointment must start and end on the same day.',
    })
  } else {
    const wanted: Span = [start.minutes, endMinutes]
    const { date, weekday } = start
    const closure = setup.closures.get(date)
    const open = setup.opening.get(weekday)
    if (closure !== undefined) {
      breaches.push({
        rule: 'closed',
        message: `The clinic is closed on ${formatDate(date, true)} (${closure}).`,
      })
    } else if (!open) {
      breaches.push({
        rule: 'opening_hours',
        message: `The clinic is closed on ${weekdayPlural(weekday)}.`,
      })
    } else if (wanted[0] < open[0] || wanted[1] > open[1]) {
      breaches.push({
        rule: 'opening_hours',
        message: `The clinic is open ${listRanges([open])} on ${weekdayPlural(weekday)}.`,
      })
    }
    const off = timeOffOn(plan, date)
    if (off) {
      breaches.push({
        rule: 'time_off',
        message: `${name} is ${offPhrase(off.reason)} ${formatDateRange(off.startsOn, off.endsOn)}.`,
      })
    } else {
      const work = plan.work.get(weekday) ?? []
      if (work.length === 0) {
        breaches.push({
          rule: 'working_hours',
          message: `${name} does not work on ${weekdayPlural(weekday)}.`,
        })
      } else if (!work.some(([s, e]) => s <= wanted[0] && wanted[1] <= e)) {
        breaches.push({
          rule: 'working_hours',
          message: `${name} works ${listRanges(work)} on ${weekdayPlural(weekday)}.`,
        })
      }
      for (const part of partTimeOffOn(plan, date)) {
        const [s, e] = part.span
        if (s < wanted[1] && e > wanted[0]) {
          breaches.push({
            rule: 'time_off',
            message: `${name} is ${offPhrase(part.reason)} ${listRanges([part.span])} on ${formatDate(date, true)}.`,
          })
        }
      }
      const shown = (plan.breaks.get(weekday) ?? []).filter(
        ([s, e]) => s < wanted[1] && e > wanted[0],
      )
      if (shown.length > 0) {
        breaches.push({
          rule: 'break',
          message: `That overlaps ${name}'s break ${listRanges(shown)}.`,
        })
      }
    }
  }

  const clashes = await busyAppointments(
    db,
    { therapistId: p.therapistId },
    p.startsAt,
    p.blockedUntil,
    ignore,
  )
  for (const c of clashes.slice(0, 2)) {
    const cs = Date.parse(c.starts_at)
    const ce = Date.parse(c.ends_at)
    const cb = Date.parse(c.blocked_until)
    const span = `${toTime(utcToZoned(cs, tz).minutes)}–${toTime(utcToZoned(ce, tz).minutes)}`
    let message: string
    if (p.startsAt < ce && cs < p.endsAt) {
      message = `${name} is already booked ${span}.`
    } else if (p.startsAt >= ce) {
      message = `${name} has ${Math.round((cb - ce) / 60_000)} min clean-up after the ${span} appointment, until ${toTime(utcToZoned(cb, tz).minutes)}.`
    } else {
      message = `With its ${p.service.bufferAfterMinutes} min clean-up this would run into ${name}'s ${span} appointment.`
    }
    breaches.push({ rule: 'therapist_busy', message })
  }

  if (p.clientId !== undefined) {
    const theirs = await clientAppointments(db, p.clientId, p.startsAt, p.endsAt, ignore)
    // The same therapist's clash is already told as therapist_busy.
    const elsewhere = theirs.find((c) => c.therapist_id !== p.therapistId)
    if (elsewhere) {
      const span = `${toTime(utcToZoned(Date.parse(elsewhere.starts_at), tz).minutes)}–${toTime(utcToZoned(Date.parse(elsewhere.ends_at), tz).minutes)}`
      breaches.push({
        rule: 'client_busy',
        // No client name: override reasons are copied into the audit summary.
        message: `This client is already booked ${span} with ${elsewhere.therapist_name}.`,
      })
    }
  }

  let roomId = p.roomId
  if (roomId !== null) {
    const inRoom = await busyAppointments(db, { roomId }, p.startsAt, p.blockedUntil, ignore)
    const first = inRoom[0]
    if (first) {
      const room = await db
        .selectFrom('rooms')
        .select('name')
        .where('id', '=', roomId)
        .executeTakeFirst()
      breaches.push({
        rule: 'room_busy',
        message: `${room?.name ?? 'That room'} is in use ${toTime(utcToZoned(Date.parse(first.starts_at), tz).minutes)}–${toTime(utcToZoned(Date.parse(first.blocked_until), tz).minutes)}.`,
      })
    }
  } else if (p.service.needsRoom) {
    roomId = await firstFreeRoom(db, p.startsAt, p.blockedUntil, ignore)
    if (roomId === null) {
      const rooms = await db.selectFrom('rooms').select('id').where('active', '=', 1).execute()
      breaches.push({
        rule: 'room_busy',
        message:
          rooms.length === 0
            ? `${p.service.name} needs a room and none is set up (Settings → Rooms).`
            : `No room is free ${toTime(start.minutes)}–${toTime(utcToZoned(p.blockedUntil, tz).minutes)}.`,
      })
    }
  }
  return { breaches, roomId }
}

export async function firstFreeRoom(
  db: Kysely<DB>,
  from: number,
  to: number,
  ignore?: number | number[],
): Promise<number | null> {
  const rooms = await db
    .selectFrom('rooms')
    .select('id')
    .where('active', '=', 1)
    .orderBy('name')
    .execute()
  for (const r of rooms) {
    const busy = await busyAppointments(db, { roomId: r.id }, from, to, ignore)
    if (busy.length === 0) return r.id
  }
  return null
}
