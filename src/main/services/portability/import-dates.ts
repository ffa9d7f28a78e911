import { isRealIsoDate } from '../../../shared/contract/clients'

export type ImportDate =
  | { ok: true; iso: string; /** Both parts could be the day: 04/03/1990. */ ambiguous: boolean }
  | { ok: false; reason: string }

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * Dates as UK clinics' exports write them: dd/mm/yyyy (also with - or .), ISO yyyy-mm-dd, and
 * ISO date-times (Cliniko's "Archived At"). A "day" over 12 with a month under 13 is month-first
 * (a US-format file): it is refused rather than guessed, so nobody's birthday moves silently.
 */
export function parseImportDate(raw: string): ImportDate {
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
  let year = Number(uk[3])
  if (uk[3]!.length === 2) {
    // Two-digit years: a birth year, so 25 means 1925 once 2025 is past.
    const thisYear = new Date().getUTCFullYear() % 100
    year += year > thisYear ? 1900 : 2000
  }
  if (month > 12 && day <= 12) {
    return {
      ok: false,
      reason: `"${value}" looks like month/day order (US); write it as dd/mm/yyyy`,
    }
  }
  const date = `${year}-${pad(month)}-${pad(day)}`
  if (!isRealIsoDate(date)) return { ok: false, reason: `"${value}" is not a real date` }
  return { ok: true, iso: date, ambiguous: day <= 12 && month <= 12 && day !== month }
}
