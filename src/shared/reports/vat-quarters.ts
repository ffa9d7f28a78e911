// VAT quarters (issue 14's VAT summary "for a chosen VAT quarter"). HMRC gives each
// VAT-registered business one of three "stagger" groups of quarterly return periods (VAT
// Notice 700/12, 'Tax periods'): stagger 1 ends in March, June, September and December (the
// calendar quarters Jan–Mar, Apr–Jun, …), stagger 2 in April, July, October and January,
// stagger 3 in May, August, November and February. Pure calendar arithmetic on year and
// month numbers: shared by the screen's picker and main's range, no time zone involved (the
// period's instants are worked out in main on the clinic's calendar).

export const VAT_STAGGERS = [1, 2, 3] as const
export type VatStagger = (typeof VAT_STAGGERS)[number]

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const

export const VAT_STAGGER_LABELS: Record<VatStagger, string> = {
  1: 'March, June, September and December (calendar quarters)',
  2: 'April, July, October and January',
  3: 'May, August, November and February',
}

/** A VAT quarter: the month it ends in ("2026-06"), its first and last dates and its name. */
export interface VatQuarter {
  /** yyyy-MM of the quarter's last month: what the range's `quarter` holds. */
  end: string
  fromDate: string
  toDate: string
  /** "April–June 2026", "December 2025 – February 2026". */
  label: string
}

const pad = (n: number) => String(n).padStart(2, '0')

/** Months since year 0 (January 2026 = 2026 × 12 + 0), and back. */
const index = (year: number, month1: number) => year * 12 + (month1 - 1)
const yearOf = (i: number) => Math.floor(i / 12)
const monthOf = (i: number) => (i % 12) + 1

function daysIn(year: number, month1: number): number {
  // Day 0 of the next month is the last of this one (UTC: no clock change in the way).
  return new Date(Date.UTC(year, month1, 0)).getUTCDate()
}

/** The quarter made of the three calendar months ending with `end` ("yyyy-MM"). */
export function vatQuarterEnding(end: string): VatQuarter {
  const [y, m] = end.split('-').map(Number) as [number, number]
  const last = index(y, m)
  const first = last - 2
  const fy = yearOf(first)
  const fm = monthOf(first)
  const sameYear = fy === y
  return {
    end: `${y}-${pad(m)}`,
    fromDate: `${fy}-${pad(fm)}-01`,
    toDate: `${y}-${pad(m)}-${pad(daysIn(y, m))}`,
    label: sameYear
      ? `${MONTHS[fm - 1]}–${MONTHS[m - 1]} ${y}`
      : `${MONTHS[fm - 1]} ${fy} – ${MONTHS[m - 1]} ${y}`,
  }
}

/**
 * The stagger’s quarter that a clinic-local date ("yyyy-MM-dd") falls in and those before it,
 * `count` in all, newest first: what the VAT picker offers.
 */
export function vatQuartersUpTo(stagger: VatStagger, date: string, count = 8): VatQuarter[] {
  const [y, m] = date.split('-').map(Number) as [number, number]
  const now = index(y, m)
  // Stagger 1's quarters end in months 3, 6, 9, 12 (index ≡ 2 mod 3); stagger 2 one later.
  const offset = (((now - (stagger + 1)) % 3) + 3) % 3
  const currentEnd = now + (offset === 0 ? 0 : 3 - offset)
  const out: VatQuarter[] = []
  for (let k = 0; k < count; k++) {
    const e = currentEnd - 3 * k
    out.push(vatQuarterEnding(`${yearOf(e)}-${pad(monthOf(e))}`))
  }
  return out
}
