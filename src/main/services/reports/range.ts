import { TZDate } from '@date-fns/tz'
import { addDays } from 'date-fns/addDays'
import { addMonths } from 'date-fns/addMonths'
import { addQuarters } from 'date-fns/addQuarters'
import { addWeeks } from 'date-fns/addWeeks'
import { addYears } from 'date-fns/addYears'
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays'
import { endOfMonth } from 'date-fns/endOfMonth'
import { endOfQuarter } from 'date-fns/endOfQuarter'
import { endOfWeek } from 'date-fns/endOfWeek'
import { format } from 'date-fns/format'
import { parseISO } from 'date-fns/parseISO'
import { startOfMonth } from 'date-fns/startOfMonth'
import { startOfQuarter } from 'date-fns/startOfQuarter'
import { startOfWeek } from 'date-fns/startOfWeek'
import { subDays } from 'date-fns/subDays'
import { subMonths } from 'date-fns/subMonths'
import { enGB } from 'date-fns/locale/en-GB'
import type { RangeInput } from '../../../shared/contract/report-values'
import { vatQuarterEnding } from '../../../shared/reports/vat-quarters'
import { zonedToUtc } from '../diary/clinic-clock'

/**
 * A report's period: clinic-local dates from and to (both inclusive) and the UTC instants
 * they cover, [fromAt, toAt): local midnight to the local midnight after the last day, so a
 * day on which the clocks change is 23 or 25 hours long.
 */
export interface Period {
  fromDate: string
  toDate: string
  fromAt: string
  toAt: string
  label: string
}

const ymd = (d: Date) => format(d, 'yyyy-MM-dd')

/** The local dates of a preset on the clinic's today, and of the period before it. */
function presetDates(
  preset: Exclude<RangeInput['preset'], 'custom' | 'vat_quarter'>,
  today: Date,
): { from: Date; to: Date; before: { from: Date; to: Date } } {
  const week = { weekStartsOn: 1 as const }
  switch (preset) {
    case 'today':
      return { from: today, to: today, before: { from: subDays(today, 1), to: subDays(today, 1) } }
    case 'this_week': {
      const from = startOfWeek(today, week)
      const prev = addWeeks(from, -1)
      return { from, to: endOfWeek(today, week), before: { from: prev, to: endOfWeek(prev, week) } }
    }
    case 'this_month':
    case 'last_month': {
      const from = startOfMonth(preset === 'this_month' ? today : subMonths(today, 1))
      const prev = subMonths(from, 1)
      return { from, to: endOfMonth(from), before: { from: prev, to: endOfMonth(prev) } }
    }
    case 'this_quarter': {
      const from = startOfQuarter(today)
      const prev = addQuarters(from, -1)
      return { from, to: endOfQuarter(from), before: { from: prev, to: endOfQuarter(prev) } }
    }
    case 'tax_year':
    case 'last_tax_year': {
      const from = taxYearStart(preset === 'tax_year' ? today : addYears(today, -1))
      const prev = addYears(from, -1)
      return {
        from,
        to: subDays(addYears(from, 1), 1),
        before: { from: prev, to: subDays(from, 1) },
      }
    }
  }
}

/**
 * The UK tax year a local date falls in starts on 6 April (HMRC): 5 April 2026 is in the
 * year from 6 April 2025, 6 April 2026 starts the next.
 */
export function taxYearStart(day: Date): Date {
  const year = day.getFullYear()
  const sixth = new Date(year, 3, 6)
  return day >= sixth ? sixth : new Date(year - 1, 3, 6)
}

/** "1–30 June 2026", "6 April 2026 – 5 April 2027", "17 June 2026". */
export function periodLabel(fromDate: string, toDate: string): string {
  const from = parseISO(fromDate)
  const to = parseISO(toDate)
  if (fromDate === toDate) return format(from, 'd MMMM yyyy', { locale: enGB })
  if (fromDate.slice(0, 7) === toDate.slice(0, 7)) {
    return `${format(from, 'd')}–${format(to, 'd MMMM yyyy', { locale: enGB })}`
  }
  const sameYear = fromDate.slice(0, 4) === toDate.slice(0, 4)
  return `${format(from, sameYear ? 'd MMMM' : 'd MMMM yyyy', { locale: enGB })} – ${format(to, 'd MMMM yyyy', { locale: enGB })}`
}

/** A period of clinic-local dates, with its UTC instants. */
export function periodOf(fromDate: string, toDate: string, timeZone: string): Period {
  return {
    fromDate,
    toDate,
    fromAt: new Date(zonedToUtc(fromDate, 0, timeZone)).toISOString(),
    toAt: new Date(zonedToUtc(ymd(addDays(parseISO(toDate), 1)), 0, timeZone)).toISOString(),
    label: periodLabel(fromDate, toDate),
  }
}

/** The clinic-local date of an instant, as a plain local Date for date-fns's calendar sums. */
export function clinicToday(now: Date, timeZone: string): Date {
  const zoned = new TZDate(now.getTime(), timeZone)
  return parseISO(format(zoned, 'yyyy-MM-dd'))
}

/**
 * A range preset on the clinic's calendar (weeks start on Monday, en-GB), and the period
 * before it for comparison: the previous week, month, quarter, VAT quarter or tax year, or for
 * a custom range the same number of days just before it. A VAT quarter is the three calendar
 * months ending with `range.quarter` ("2026-06": 1 April to 30 June), from local midnight on
 * its first day to local midnight after its last, whatever the clocks do in between.
 */
export function resolveRange(
  range: RangeInput,
  now: Date,
  timeZone: string,
): { period: Period; previous: Period } {
  if (range.preset === 'custom') {
    const from = parseISO(range.from!)
    const to = parseISO(range.to!)
    const days = differenceInCalendarDays(to, from) + 1
    return {
      period: periodOf(range.from!, range.to!, timeZone),
      previous: periodOf(ymd(subDays(from, days)), ymd(subDays(from, 1)), timeZone),
    }
  }
  if (range.preset === 'vat_quarter') {
    const q = vatQuarterEnding(range.quarter!)
    const before = vatQuarterEnding(ymd(subMonths(parseISO(q.fromDate), 1)).slice(0, 7))
    return {
      period: periodOf(q.fromDate, q.toDate, timeZone),
      previous: periodOf(before.fromDate, before.toDate, timeZone),
    }
  }
  const d = presetDates(range.preset, clinicToday(now, timeZone))
  return {
    period: periodOf(ymd(d.from), ymd(d.to), timeZone),
    previous: periodOf(ymd(d.before.from), ymd(d.before.to), timeZone),
  }
}

/** The twelve calendar months ending with the one a local date is in: [from, to] dates. */
export function monthsEndingAt(
  date: string,
  count = 12,
): { month: string; period: [string, string] }[] {
  const last = startOfMonth(parseISO(date))
  const out: { month: string; period: [string, string] }[] = []
  for (let i = count - 1; i >= 0; i--) {
    const m = addMonths(last, -i)
    out.push({
      month: format(m, 'MMM yyyy', { locale: enGB }),
      period: [ymd(m), ymd(endOfMonth(m))],
    })
  }
  return out
}

/** The Monday starting the ISO week a local date is in. */
export function weekStart(date: string): string {
  return ymd(startOfWeek(parseISO(date), { weekStartsOn: 1 }))
}
