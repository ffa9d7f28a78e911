import type { AppointmentStatus } from '../../../shared/contract/diary'
import { zonedToUtc } from '../diary/clinic-clock'
import { parseImportDate } from './import-dates'

/**
 * The cell parsers of an appointments import: start times in the clinic's own time, lengths,
 * statuses and prices as other systems and spreadsheets write them. Each returns a value or
 * the reason the cell cannot be read, for the per-row report.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i
const TIME = /^(\d{1,2})[:.](\d{2})(?::\d{2})?\s*([ap])?\.?m?\.?$/i

/** "14:30", "2.30pm", "09:00:00" -> minutes after midnight. */
export function parseTime(raw: string): Parsed<number> {
  const m = TIME.exec(raw.trim())
  if (!m) return { ok: false, reason: `"${raw.trim()}" is not a time like 14:30` }
  let hours = Number(m[1])
  const minutes = Number(m[2])
  const half = m[3]?.toLowerCase()
  if (half) {
    if (hours < 1 || hours > 12) return { ok: false, reason: `"${raw.trim()}" is not a real time` }
    hours = (hours % 12) + (half === 'p' ? 12 : 0)
  }
  if (hours > 23 || minutes > 59) return { ok: false, reason: `"${raw.trim()}" is not a real time` }
  return { ok: true, value: hours * 60 + minutes }
}

/** A date cell for an appointment: dd/mm/yyyy (two-digit years are this century) or ISO. */
function parseDay(raw: string): Parsed<string> {
  const value = raw.trim()
  // parseImportDate reads two-digit years as birth years (25 -> 1925); appointments are recent.
  const shortYear = /^(\d{1,2}[/.-]\d{1,2}[/.-])(\d{2})$/.exec(value)
  const parsed = parseImportDate(shortYear ? `${shortYear[1]}20${shortYear[2]}` : value)
  return parsed.ok ? { ok: true, value: parsed.iso } : { ok: false, reason: parsed.reason }
}

/**
 * When an appointment starts, as a UTC instant (ms). A date and time with no zone is the
 * clinic's local time (what a diary export holds), so 10:00 in July is 09:00 UTC; an ISO
 * instant with Z or an offset is taken as it is. Either one cell ("24/11/2026 10:00",
 * "2026-11-24T10:00") or a date cell and a time cell.
 */
export function parseStart(
  cells: { start: string; date: string; time: string },
  timeZone: string,
): Parsed<number> {
  const start = cells.start.trim()
  if (start !== '') {
    if (ISO_INSTANT.test(start)) {
      const ms = Date.parse(start)
      return Number.isNaN(ms) ? { ok: false, reason: `"${start}" is not a real time` } : ok(ms)
    }
    const m = /^(.+?)(?:T|\s+)(\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?)$/i.exec(start)
    if (!m) {
      return {
        ok: false,
        reason: `"${start}" is not a start like 24/11/2026 14:30 or 2026-11-24T14:30`,
      }
    }
    return local(m[1]!, m[2]!, timeZone)
  }
  if (cells.date.trim() === '') return { ok: false, reason: 'The start date is empty' }
  if (cells.time.trim() === '') return { ok: false, reason: 'The start time is empty' }
  return local(cells.date, cells.time, timeZone)
}

function ok<T>(value: T): Parsed<T> {
  return { ok: true, value }
}

function local(dateCell: string, timeCell: string, timeZone: string): Parsed<number> {
  const day = parseDay(dateCell)
  if (!day.ok) return day
  const time = parseTime(timeCell)
  if (!time.ok) return time
  return ok(zonedToUtc(day.value, time.value, timeZone))
}

/** "60", "60 min", "1h", "1h 30m", "1:30", "90 minutes" -> minutes (5 to 600). */
export function parseDuration(raw: string): Parsed<number> {
  const value = raw.trim().toLowerCase()
  let minutes: number | null = null
  let m: RegExpExecArray | null
  if ((m = /^(\d{1,3})\s*(m|min|mins|minutes?)?$/.exec(value))) minutes = Number(m[1])
  else if ((m = /^(\d{1,2}):(\d{2})$/.exec(value))) minutes = Number(m[1]) * 60 + Number(m[2])
  else if (
    (m = /^(\d{1,2})\s*(?:h|hr|hrs|hours?)\s*(?:(\d{1,2})\s*(?:m|min|mins|minutes?)?)?$/.exec(
      value,
    ))
  )
    minutes = Number(m[1]) * 60 + Number(m[2] ?? 0)
  if (minutes === null)
    return { ok: false, reason: `"${raw.trim()}" is not a length like 60 or 1h 30m` }
  if (minutes < 5 || minutes > 600) {
    return { ok: false, reason: `${minutes} minutes is not a length Plinth books (5 to 600)` }
  }
  return ok(minutes)
}

const STATUS_WORDS: Record<string, { status: AppointmentStatus; late?: true }> = {
  booked: { status: 'booked' },
  confirmed: { status: 'booked' },
  scheduled: { status: 'booked' },
  pending: { status: 'booked' },
  unconfirmed: { status: 'booked' },
  arrived: { status: 'arrived' },
  'checked in': { status: 'arrived' },
  completed: { status: 'completed' },
  complete: { status: 'completed' },
  attended: { status: 'completed' },
  done: { status: 'completed' },
  cancelled: { status: 'cancelled' },
  canceled: { status: 'cancelled' },
  'late cancellation': { status: 'cancelled', late: true },
  'late cancel': { status: 'cancelled', late: true },
  'no show': { status: 'no_show' },
  noshow: { status: 'no_show' },
  dna: { status: 'no_show' },
  'did not attend': { status: 'no_show' },
  'did not arrive': { status: 'no_show' },
}

/** A status word as another system writes it; empty is decided by the caller. */
export function parseStatus(raw: string): Parsed<{ status: AppointmentStatus; late: boolean }> {
  const word = raw.trim().toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ')
  const found = STATUS_WORDS[word]
  if (!found) {
    return {
      ok: false,
      reason: `"${raw.trim()}" is not a status Plinth knows (booked, arrived, completed, cancelled, no show)`,
    }
  }
  return ok({ status: found.status, late: found.late === true })
}

/** "£45", "45.00", "45" -> pence. */
export function parsePrice(raw: string): Parsed<number> {
  const m = /^£?\s*(\d{1,5})(?:\.(\d{1,2}))?$/.exec(raw.trim().replace(/,/g, ''))
  if (!m) return { ok: false, reason: `"${raw.trim()}" is not a price like 45.00` }
  return ok(Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')))
}
