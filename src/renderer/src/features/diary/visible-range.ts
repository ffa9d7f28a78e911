import {
  addDays,
  addMonths,
  addWeeks,
  endOfMonth,
  startOfDay,
  startOfMonth,
  startOfWeek,
} from 'date-fns'

export type DiaryView = 'day' | 'week' | 'month' | 'agenda'

const MONDAY = { weekStartsOn: 1 } as const

/**
 * What to fetch for a view: day and week fetch the whole Monday-to-Monday week (so moving
 * between days needs no round trip), month the weeks it shows, agenda its 30 days.
 */
export function fetchRange(view: DiaryView, date: Date): { from: Date; to: Date } {
  if (view === 'month') {
    const from = startOfWeek(startOfMonth(date), MONDAY)
    return { from, to: addDays(startOfWeek(endOfMonth(date), MONDAY), 7) }
  }
  if (view === 'agenda') {
    const from = startOfDay(date)
    return { from, to: addDays(from, 30) }
  }
  const from = startOfWeek(date, MONDAY)
  return { from, to: addDays(from, 7) }
}

export function step(view: DiaryView, date: Date, direction: number): Date {
  if (view === 'day') return addDays(date, direction)
  if (view === 'week') return addWeeks(date, direction)
  if (view === 'month') return addMonths(date, direction)
  return addDays(date, 30 * direction)
}

const MINUTES_IN_DAY = 24 * 60

const minutesOfDay = (d: Date) => d.getHours() * 60 + d.getMinutes()

/**
 * The hours the day and week views show, as minutes of the day [from, to): from an hour
 * before the earliest opening to the end of the hour of the latest closing, grown to take
 * in every booking shown (an owner's 21:00–22:00 override, a 23:30–00:30 that crosses
 * midnight), so no booking is drawn as a zero-height strip or not at all. `bookings` are on
 * the clinic's wall clock.
 */
export function visibleHours(
  opening: { opens: string; closes: string }[],
  bookings: { start: Date; end: Date }[],
): { from: number; to: number } {
  const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))
  const opens = opening.map((o) => toMinutes(o.opens))
  const closes = opening.map((o) => toMinutes(o.closes))
  let first = opens.length ? Math.min(...opens) - 60 : 7 * 60
  let last = closes.length ? Math.max(...closes) : 20 * 60
  // The closing hour's row is shown whole (20:00 shows 20:00–21:00), as it always was.
  last += 60
  for (const b of bookings) {
    const crossesMidnight = startOfDay(b.start).getTime() !== startOfDay(b.end).getTime()
    const endsAtMidnight = crossesMidnight && minutesOfDay(b.end) === 0
    first = Math.min(first, crossesMidnight && !endsAtMidnight ? 0 : minutesOfDay(b.start))
    last = Math.max(last, crossesMidnight ? MINUTES_IN_DAY : minutesOfDay(b.end))
  }
  const from = Math.max(0, Math.floor(first / 60) * 60)
  const to = Math.min(MINUTES_IN_DAY, Math.ceil(last / 60) * 60)
  return { from, to }
}
