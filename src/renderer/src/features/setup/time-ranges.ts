/** "09:00-13:00, 14:00-20:00" <-> ranges, as typed in the weekly hours grid. */
export interface DayRange {
  weekday: number
  starts: string
  ends: string
}

const RANGE = /^(\d{1,2})[:.]?(\d{2})\s*[-–to]+\s*(\d{1,2})[:.]?(\d{2})$/

function pad(h: string, m: string): string {
  return `${h.padStart(2, '0')}:${m}`
}

export function parseRanges(
  text: string,
  weekday: number,
): { ranges: DayRange[]; error: string | null } {
  const parts = text
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean)
  const ranges: DayRange[] = []
  for (const part of parts) {
    const m = RANGE.exec(part)
    if (!m) return { ranges: [], error: `Write times like 09:00-13:00 (not “${part}”)` }
    const starts = pad(m[1]!, m[2]!)
    const ends = pad(m[3]!, m[4]!)
    if (ends <= starts) return { ranges: [], error: `${starts}-${ends} ends before it starts` }
    if (Number(m[2]) % 15 || Number(m[4]) % 15)
      return { ranges: [], error: 'Use quarter hours (:00, :15, :30, :45)' }
    ranges.push({ weekday, starts, ends })
  }
  return { ranges, error: null }
}

/**
 * Main names a range by its place in the flat list it was sent ("hours.3.starts"); the form
 * has one text box a weekday ("hours.Wed"). Null for any other path.
 */
export function rangePathToDay(
  path: string,
  sent: { hours: DayRange[]; breaks: DayRange[] },
): string | null {
  const m = /^(hours|breaks)\.(\d+)(\.|$)/.exec(path)
  if (!m) return null
  const list = m[1] as 'hours' | 'breaks'
  const range = sent[list][Number(m[2])]
  const day = range && WEEKDAYS.find((d) => d.n === range.weekday)
  return day ? `${list}.${day.short}` : null
}

/**
 * Main names an opening-hours error by its place in the list it was sent ("opening.0.closes");
 * the form holds one row per weekday ("days.0.closes" is Monday whatever was sent first).
 */
export function openingPathToDay(opening: { weekday: number }[]) {
  return (path: string): string | null => {
    const m = /^opening\.(\d+)\.(\w+)$/.exec(path)
    const day = m ? opening[Number(m[1])] : undefined
    if (!m || !day) return null
    // A weekday listed twice has no box of its own: that one goes to the banner.
    return m[2] === 'weekday' ? null : `days.${day.weekday - 1}.${m[2]}`
  }
}

export function formatRanges(ranges: DayRange[], weekday: number): string {
  return ranges
    .filter((r) => r.weekday === weekday)
    .map((r) => `${r.starts}-${r.ends}`)
    .join(', ')
}

export const WEEKDAYS = [
  { n: 1, short: 'Mon', long: 'Monday' },
  { n: 2, short: 'Tue', long: 'Tuesday' },
  { n: 3, short: 'Wed', long: 'Wednesday' },
  { n: 4, short: 'Thu', long: 'Thursday' },
  { n: 5, short: 'Fri', long: 'Friday' },
  { n: 6, short: 'Sat', long: 'Saturday' },
  { n: 7, short: 'Sun', long: 'Sunday' },
] as const

/** Kept for older imports; the one money formatter is src/shared/money/pounds.ts. */
export { formatPence } from '../../../../shared/money/pounds'

export const SWATCHES = [
  '#0e6b63',
  '#2563eb',
  '#7c3aed',
  '#c2410c',
  '#be185d',
  '#15803d',
  '#a16207',
  '#0f766e',
]

/**
 * The parts of a day's working ranges that fall outside the clinic's opening hours, as
 * "07:00-08:00" strings: the diary never offers those times (bookable time is working hours
 * within opening hours, booking-rules.ts). Empty when all of it is inside.
 */
export function hoursOutsideOpening(
  ranges: readonly DayRange[],
  opening: readonly { weekday: number; opens: string; closes: string }[],
  weekday: number,
): string[] {
  const open = opening.find((o) => o.weekday === weekday)
  const out: string[] = []
  for (const r of ranges.filter((x) => x.weekday === weekday)) {
    if (!open || r.ends <= open.opens || r.starts >= open.closes) {
      out.push(`${r.starts}-${r.ends}`)
      continue
    }
    if (r.starts < open.opens) out.push(`${r.starts}-${open.opens}`)
    if (r.ends > open.closes) out.push(`${open.closes}-${r.ends}`)
  }
  return out
}

/** The warning beside a day's working hours when some are outside opening hours, or null. */
export function openingWarning(
  ranges: readonly DayRange[],
  opening: readonly { weekday: number; opens: string; closes: string }[],
  weekday: number,
): string | null {
  const outside = hoursOutsideOpening(ranges, opening, weekday)
  if (outside.length === 0) return null
  const open = opening.find((o) => o.weekday === weekday)
  const why = open
    ? `outside opening hours (${open.opens}-${open.closes})`
    : 'the clinic is closed that day'
  return `Not bookable: ${outside.join(', ')}, ${why}`
}
