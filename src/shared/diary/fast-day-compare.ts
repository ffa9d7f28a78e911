type Compare = (a: Date, b: Date, unit?: string) => boolean

// react-big-calendar tests every booking against every day column with date-arithmetic's
// comparers, each of which copies both dates and zeroes their time: ~11,000 Date copies a
// week view with 400 bookings, 17 ms of every next/previous in a Chrome profile. For the
// units the calendar uses on every render (whole days, or exact instants) the same answers
// come from plain numbers; every other unit still goes to the library's own code.
const dayKey = (d: Date) => d.getFullYear() * 512 + d.getMonth() * 32 + d.getDate()
// The instant of the start of `d`'s minute on the local clock, what date-arithmetic's
// startOf(d, 'minutes') gives, without copying the date.
const minuteKey = (d: Date) => +d - d.getSeconds() * 1000 - d.getMilliseconds()

function fast(original: Compare, op: (x: number, y: number) => boolean): Compare {
  return (a, b, unit) => {
    if (unit === 'day') return op(dayKey(a), dayKey(b))
    if (unit === undefined) return op(+a, +b)
    if (unit === 'minutes') return op(minuteKey(a), minuteKey(b))
    return original(a, b, unit)
  }
}

interface EventRange {
  event: { start: Date; end: Date }
  range: { start: Date; end: Date }
}

/**
 * Gives the localizer number-only comparers for days, minutes and instants, and the same for
 * `diff` in minutes and `inEventRange` (every booking against the week, and each slot
 * position: a full clinic's week made ~30,000 Date copies a next/previous in these); same
 * results, other units still go to the library's own code.
 */
export function withFastDayCompare<L extends object>(localizer: L): L {
  const l = localizer as unknown as Record<string, Compare> & {
    inRange(day: Date, min?: Date, max?: Date, unit?: string): boolean
  }
  l['lt'] = fast(l['lt']!, (x, y) => x < y)
  l['lte'] = fast(l['lte']!, (x, y) => x <= y)
  l['gt'] = fast(l['gt']!, (x, y) => x > y)
  l['gte'] = fast(l['gte']!, (x, y) => x >= y)
  l['eq'] = fast(l['eq']!, (x, y) => x === y)
  l['neq'] = fast(l['neq']!, (x, y) => x !== y)
  const gte = l['gte']
  const lte = l['lte']
  l.inRange = (day, min, max, unit = 'day') =>
    (!min || gte(day, min, unit)) && (!max || lte(day, max, unit))
  const m = localizer as unknown as {
    diff(a: Date, b: Date, unit?: string): number
    inEventRange(r: EventRange): boolean
  }
  const diff = m.diff
  m.diff = (a, b, unit) =>
    unit === 'minutes'
      ? Math.round(Math.abs(minuteKey(a) / 60_000 - minuteKey(b) / 60_000))
      : diff(a, b, unit)
  // The library's: the booking's day starts on or before the range's last day, and it ends
  // after the range starts (or at its start, for a booking of no length at midnight).
  m.inEventRange = ({ event: { start, end }, range }) => {
    const startsBeforeEnd = dayKey(start) <= dayKey(range.end)
    const midnight = new Date(start.getFullYear(), start.getMonth(), start.getDate()).getTime()
    const e = minuteKey(end)
    const s = minuteKey(range.start)
    return startsBeforeEnd && (midnight !== e ? e > s : e >= s)
  }
  return localizer
}
