type Compare = (a: Date, b: Date, unit?: string) => boolean

// react-big-calendar tests every booking against every day column with date-arithmetic's
// comparers, each of which copies both dates and zeroes their time: ~11,000 Date copies a
// week view with 400 bookings, 17 ms of every next/previous in a Chrome profile. For the
// units the calendar uses on every render (whole days, or exact instants) the same answers
// come from plain numbers; every other unit still goes to the library's own code.
const dayKey = (d: Date) => d.getFullYear() * 512 + d.getMonth() * 32 + d.getDate()

function fast(original: Compare, op: (x: number, y: number) => boolean): Compare {
  return (a, b, unit) => {
    if (unit === 'day') return op(dayKey(a), dayKey(b))
    if (unit === undefined) return op(+a, +b)
    return original(a, b, unit)
  }
}

/** Gives the localizer number-only comparers for days and instants; same results. */
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
  return localizer
}
