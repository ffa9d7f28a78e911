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
