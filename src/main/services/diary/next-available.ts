import type { Kysely } from 'kysely'
import { clinicTimeZone } from '../settings'
import type { PartOfDay, Slot } from '../../../shared/contract/diary'
import type { Service } from '../../../shared/contract/diary-setup'
import type { DB } from '../../db/schema'
import { addDays, DAY_MS, toMinutes, utcToZoned, weekdayOf, zonedToUtc } from './clinic-clock'
import { bookableSpans, intersect, loadDiarySetup } from './working-hours'

const GRID_MINUTES = 15
const MINUTE = 60_000

export interface NextAvailableQuery {
  service: Service
  therapistId: number | null
  /** When known, the client's own bookings are skipped: they cannot be in two rooms at once. */
  clientId?: number | undefined
  from: number
  days: number
  partOfDay?: PartOfDay | undefined
  limit: number
  after?: { startsAt: string; therapistId: number } | undefined
}

/** [start, blockedUntil) intervals sorted by start. */
type Busy = [number, number][]

/** Is [from, to) free of every interval in a start-sorted list? Binary search, then a short walk. */
function isFree(busy: Busy, from: number, to: number): boolean {
  let lo = 0
  let hi = busy.length
  // First interval starting at or after `to` cannot clash; walk back from there.
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (busy[mid]![0] < to) lo = mid + 1
    else hi = mid
  }
  for (let i = lo - 1; i >= 0; i--) {
    const b = busy[i]!
    if (b[1] > from) return false
    // Bookings last at most a day: nothing earlier than that can reach `from`.
    if (b[0] < from - DAY_MS) break
  }
  return true
}

function groupBusy(rows: { key: number | null; starts_at: string; blocked_until: string }[]) {
  const map = new Map<number, Busy>()
  for (const r of rows) {
    if (r.key === null) continue
    const list = map.get(r.key) ?? []
    list.push([Date.parse(r.starts_at), Date.parse(r.blocked_until)])
    map.set(r.key, list)
  }
  for (const list of map.values()) list.sort((a, b) => a[0] - b[0])
  return map
}

/**
 * The next free slots for a service, across the therapists who offer it, by the same rules
 * a booking is checked against (booking-rules.ts): working hours within opening hours, no
 * break, time off or closure, no overlap with anyone's booking or clean-up time, a room if
 * the service needs one, and (given a client) none of the client's own bookings. Walks day by day and stops as soon as it has one more than asked
 * for, so a busy diary costs no more than a quiet one. Slots are in time order, and each
 * therapist's listed slots do not overlap one another (issue #11: spread across therapists).
 */
export async function nextAvailable(
  db: Kysely<DB>,
  q: NextAvailableQuery,
): Promise<{ slots: Slot[]; more: boolean; searchedUntil: string }> {
  const tz = await clinicTimeZone(db)
  const fromDate = utcToZoned(q.from, tz).date
  const lastDate = addDays(fromDate, q.days - 1)
  const until = zonedToUtc(addDays(fromDate, q.days), 0, tz)

  const offering = await db
    .selectFrom('therapist_services')
    .innerJoin('therapists', 'therapists.id', 'therapist_services.therapist_id')
    .select('therapists.id')
    .where('therapist_services.service_id', '=', q.service.id)
    .where('therapists.active', '=', 1)
    .$if(q.therapistId !== null, (qb) => qb.where('therapists.id', '=', q.therapistId!))
    .orderBy('therapists.sort_order')
    .orderBy('therapists.name')
    .execute()
  const therapistIds = offering.map((t) => t.id)
  if (therapistIds.length === 0 || !q.service.active) {
    return { slots: [], more: false, searchedUntil: new Date(until).toISOString() }
  }
  const setup = await loadDiarySetup(db, { fromDate, toDate: lastDate, therapistIds })
  const rank = new Map(therapistIds.map((id, i) => [id, i]))

  const windowFrom = new Date(q.from - DAY_MS).toISOString()
  const windowTo = new Date(until).toISOString()
  const therapistBusy = groupBusy(
    (
      await db
        .selectFrom('appointments')
        .select(['therapist_id as key', 'starts_at', 'blocked_until'])
        .where('therapist_id', 'in', therapistIds)
        .where('starts_at', '>=', windowFrom)
        .where('starts_at', '<', windowTo)
        .where('status', '!=', 'cancelled')
        .execute()
    ).map((r) => ({ ...r, key: r.key as number | null })),
  )
  // The client's time is the appointment itself (clean-up is the therapist's), as in
  // booking-rules.ts's client_busy.
  const clientBusy: Busy | null =
    q.clientId === undefined
      ? null
      : (
          await db
            .selectFrom('appointments')
            .select(['starts_at', 'ends_at'])
            .where('client_id', '=', q.clientId)
            .where('starts_at', '>=', windowFrom)
            .where('starts_at', '<', windowTo)
            .where('status', '!=', 'cancelled')
            .orderBy('starts_at')
            .execute()
        ).map((r): [number, number] => [Date.parse(r.starts_at), Date.parse(r.ends_at)])
  let rooms: { id: number; busy: Busy }[] = []
  if (q.service.needsRoom) {
    const list = await db
      .selectFrom('rooms')
      .select('id')
      .where('active', '=', 1)
      .orderBy('name')
      .execute()
    if (list.length === 0) {
      return { slots: [], more: false, searchedUntil: new Date(until).toISOString() }
    }
    const roomBusy = groupBusy(
      await db
        .selectFrom('appointments')
        .select(['room_id as key', 'starts_at', 'blocked_until'])
        .where(
          'room_id',
          'in',
          list.map((r) => r.id),
        )
        .where('starts_at', '>=', windowFrom)
        .where('starts_at', '<', windowTo)
        .where('status', '!=', 'cancelled')
        .execute(),
    )
    rooms = list.map((r) => ({ id: r.id, busy: roomBusy.get(r.id) ?? [] }))
  }

  const durationMs = q.service.durationMinutes * MINUTE
  const bufferMs = q.service.bufferAfterMinutes * MINUTE
  const pod = q.partOfDay
  const podWindow: [number, number] = pod
    ? [toMinutes(pod.after), toMinutes(pod.before)]
    : [0, 1440]
  const afterStart = q.after ? Date.parse(q.after.startsAt) : -Infinity
  const afterRank = q.after ? (rank.get(q.after.therapistId) ?? -1) : -1

  const found: Slot[] = []
  const lastListed = new Map<number, number>()
  for (let date = fromDate; date <= lastDate; date = addDays(date, 1)) {
    const weekday = weekdayOf(date)
    if (pod && !pod.weekdays.includes(weekday)) continue
    const today: (Slot & { rank: number })[] = []
    for (const therapistId of therapistIds) {
      const plan = setup.therapists.get(therapistId)!
      const busy = therapistBusy.get(therapistId) ?? []
      const spans = intersect(bookableSpans(setup, plan, date, weekday), podWindow)
      for (const [s, e] of spans) {
        const first = Math.ceil(s / GRID_MINUTES) * GRID_MINUTES
        for (let m = first; m + q.service.durationMinutes <= e; m += GRID_MINUTES) {
          const start = zonedToUtc(date, m, tz)
          const end = start + durationMs
          // The clocks changed inside this slot: its wall-clock length is not its real one.
          if (zonedToUtc(date, m + q.service.durationMinutes, tz) !== end) continue
          if (start < q.from) continue
          const r = rank.get(therapistId)!
          const blocked = end + bufferMs
          if (!isFree(busy, start, blocked)) continue
          if (clientBusy && !isFree(clientBusy, start, end)) continue
          let roomId: number | null = null
          if (q.service.needsRoom) {
            const room = rooms.find((x) => isFree(x.busy, start, blocked))
            if (!room) continue
            roomId = room.id
          }
          today.push({
            therapistId,
            startsAt: new Date(start).toISOString(),
            endsAt: new Date(end).toISOString(),
            roomId,
            rank: r,
          })
        }
      }
    }
    today.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.rank - b.rank)
    for (const { rank: r, ...slot } of today) {
      // Spread: a therapist's next option starts once their last listed one has ended, so
      // ten slots cover the evening and every therapist, not 17:00, 17:15, 17:30 … with the
      // first name on the rota. Counted from `from` on every page, so "Later" continues the
      // same list ("after" only says where the caller has read up to).
      const start = Date.parse(slot.startsAt)
      const previous = lastListed.get(slot.therapistId)
      if (previous !== undefined && start < previous + durationMs) continue
      lastListed.set(slot.therapistId, start)
      if (start < afterStart || (start === afterStart && r <= afterRank)) continue
      found.push(slot)
    }
    if (found.length > q.limit) break
  }
  return {
    slots: found.slice(0, q.limit),
    more: found.length > q.limit,
    searchedUntil: new Date(until).toISOString(),
  }
}
