import { isRealIsoDate } from '../../../shared/contract/clients'

export type ImportDate =
  | {
      ok: true
      iso: string
      /** Both parts could be the day: 04/03/1990. */
      ambiguous: boolean
      /** A two-digit birth year both of whose centuries are possible: why, for the warning. */
      century?: string
    }
  | { ok: false; reason: string }

const pad = (n: number) => String(n).padStart(2, '0')

/** The oldest age taken as a possible reading of a two-digit birth year (the record is 122). */
const OLDEST_LIVING = 115

/**
 * Dates as UK clinics' exports write them: dd/mm/yyyy (also with - or .), ISO yyyy-mm-dd, and
 * ISO date-times (Cliniko's "Archived At"). A "day" over 12 with a month under 13 is month-first
 * (a US-format file): it is refused rather than guessed, so nobody's birthday moves silently.
 * A two-digit year needs `now` (see parseBirthDate); without it such a date is refused.
 */
export function parseImportDate(raw: string, now?: Date): ImportDate {
  const value = raw.trim()
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(value)
  if (iso) {
    const date = `${iso[1]}-${pad(Number(iso[2]))}-${pad(Number(iso[3]))}`
    return isRealIsoDate(date)
      ? { ok: true, iso: date, ambiguous: false }
      : { ok: false, reason: `"${value}" is not a real date` }
  }
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(value)
  if (!uk) return { ok: false, reason: `"${value}" is not a date in dd/mm/yyyy or yyyy-mm-dd` }
  const day = Number(uk[1])
  const month = Number(uk[2])
  if (month > 12 && day <= 12) {
    return {
      ok: false,
      reason: `"${value}" looks like month/day order (US); write it as dd/mm/yyyy`,
    }
  }
  const ambiguous = day <= 12 && month <= 12 && day !== month
  const monthDay = `${pad(month)}-${pad(day)}`
  if (uk[3]!.length === 4) {
    const date = `${uk[3]}-${monthDay}`
    if (!isRealIsoDate(date)) return { ok: false, reason: `"${value}" is not a real date` }
    return { ok: true, iso: date, ambiguous }
  }
  if (!now) return { ok: false, reason: `"${value}" has a two-digit year; write all four digits` }
  return birthCentury(value, Number(uk[3]), monthDay, ambiguous, now)
}

/**
 * A two-digit birth year's century. Birth dates are never in the future, so the later of
 * 19yy and 20yy that is not after `now` (the import's clock, UTC date) is taken: "05/12/26"
 * imported in November 2026 is 1926-12-05, not next month. When both are past and the
 * earlier would make the client at most OLDEST_LIVING, the file could mean a child or a
 * centenarian: the younger reading is taken and `century` says so for a warning.
 */
function birthCentury(
  value: string,
  yy: number,
  monthDay: string,
  ambiguous: boolean,
  now: Date,
): ImportDate {
  const today = now.toISOString().slice(0, 10)
  const thisYear = now.getUTCFullYear()
  const base = thisYear - (thisYear % 100)
  const later = `${base + yy}-${monthDay}`
  const earlier = `${base - 100 + yy}-${monthDay}`
  if (!isRealIsoDate(later) && !isRealIsoDate(earlier)) {
    return { ok: false, reason: `"${value}" is not a real date` }
  }
  // 29/02/00: 2000 was a leap year, 1900 was not, so validity can differ by century.
  const iso = isRealIsoDate(later) && later <= today ? later : earlier
  if (!isRealIsoDate(iso)) return { ok: false, reason: `"${value}" is not a real date` }
  const otherPossible =
    iso === later && isRealIsoDate(earlier) && thisYear - (base - 100 + yy) <= OLDEST_LIVING
  return otherPossible
    ? {
        ok: true,
        iso,
        ambiguous,
        century: `${value} could be ${iso.slice(0, 4)} or ${earlier.slice(0, 4)}: read as ${iso.slice(0, 4)}`,
      }
    : { ok: true, iso, ambiguous }
}
