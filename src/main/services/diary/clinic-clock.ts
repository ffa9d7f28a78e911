import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns/format'
import { parseISO } from 'date-fns/parseISO'
import { enGB } from 'date-fns/locale/en-GB'

// The clinic's wall clock: local dates 'YYYY-MM-DD' and minutes after local midnight, turned
// into UTC instants and back. TZDate costs ~60 µs a conversion, too slow for next-available
// (thousands per search), so each local date's UTC offset is worked out once and cached; the
// two days a year on which the clocks change fall back to TZDate for every conversion.

const MINUTE = 60_000
export const DAY_MS = 86_400_000

interface DayOffsets {
  /** UTC offset in ms at local 00:00, or null when it changes during the day. */
  offset: number | null
}

const dayOffsets = new Map<string, DayOffsets>()

function ymd(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))]
}

function slowZonedToUtc(date: string, minutes: number, timeZone: string): number {
  const [y, m, d] = ymd(date)
  return new TZDate(y, m - 1, d, Math.floor(minutes / 60), minutes % 60, timeZone).getTime()
}

function offsetsOf(date: string, timeZone: string): DayOffsets {
  const key = `${timeZone}|${date}`
  let found = dayOffsets.get(key)
  if (!found) {
    const [y, m, d] = ymd(date)
    const wall = Date.UTC(y, m - 1, d)
    const atMidnight = wall - slowZonedToUtc(date, 0, timeZone)
    const lateEvening = wall + 23 * 60 * MINUTE + 45 * MINUTE
    const atLate = lateEvening - slowZonedToUtc(date, 23 * 60 + 45, timeZone)
    found = { offset: atMidnight === atLate ? atMidnight : null }
    if (dayOffsets.size > 20_000) dayOffsets.clear()
    dayOffsets.set(key, found)
  }
  return found
}

/** The UTC instant (ms) of a local date and time; minutes may be 1440 (the next midnight). */
export function zonedToUtc(date: string, minutes: number, timeZone: string): number {
  const { offset } = offsetsOf(date, timeZone)
  if (offset === null || minutes >= 1440) {
    if (minutes >= 1440) return zonedToUtc(addDays(date, 1), minutes - 1440, timeZone)
    return slowZonedToUtc(date, minutes, timeZone)
  }
  const [y, m, d] = ymd(date)
  return Date.UTC(y, m - 1, d) + minutes * MINUTE - offset
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>()

/** Local date, minutes after midnight and ISO weekday of a UTC instant. */
export function utcToZoned(
  ms: number,
  timeZone: string,
): { date: string; minutes: number; weekday: number } {
  let f = partsFormatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
    partsFormatters.set(timeZone, f)
  }
  const p: Record<string, string> = {}
  for (const part of f.formatToParts(new Date(ms))) p[part.type] = part.value
  const date = `${p['year']}-${p['month']}-${p['day']}`
  return { date, minutes: Number(p['hour']) * 60 + Number(p['minute']), weekday: weekdayOf(date) }
}

/** ISO weekday of a local date: 1 = Monday ... 7 = Sunday. */
export function weekdayOf(date: string): number {
  const [y, m, d] = ymd(date)
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay()
  return day === 0 ? 7 : day
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = ymd(date)
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

export function toMinutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
}

export function toTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

// Dates here are the clinic's local calendar dates ('YYYY-MM-DD'), so parseISO's local
// midnight is the same date in any zone and date-fns's en-GB words are safe to use.
const local = (date: string) => parseISO(date)

/** "3 March", "Monday 3 March" with the weekday. */
export function formatDate(date: string, withWeekday = false): string {
  return format(local(date), withWeekday ? 'EEEE d MMMM' : 'd MMMM', { locale: enGB })
}

/** "3–10 March", "28 February – 3 March", "3 March". */
export function formatDateRange(from: string, to: string): string {
  if (from === to) return formatDate(from)
  const [, m1] = ymd(from)
  const [, m2] = ymd(to)
  if (m1 === m2) return `${format(local(from), 'd')}–${formatDate(to)}`
  return `${formatDate(from)} – ${formatDate(to)}`
}

/** "Mondays" for ISO weekday 1 (Monday) ... "Sundays" for 7. */
export function weekdayPlural(weekday: number): string {
  // 2024-01-01 was a Monday: any fixed Monday works.
  return `${format(local(addDays('2024-01-01', weekday - 1)), 'EEEE', { locale: enGB })}s`
}
