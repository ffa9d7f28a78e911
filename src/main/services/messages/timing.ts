import { addDays, utcToZoned, zonedToUtc } from '../diary/clinic-clock'

// When a message may go, on the clinic's clock (issue 16): reminders N hours before on the
// wall clock (so a 09:00 booking is reminded at 09:00 the day before even across the clocks
// changing), and nothing inside quiet hours (21:00–08:00 by default).

const MINUTE = 60_000

export interface QuietHours {
  /** Minutes after local midnight; quiet from `start` (e.g. 1260 = 21:00) ... */
  start: number
  /** ... until `end` (e.g. 480 = 08:00), through midnight when end < start. */
  end: number
}

function inQuiet(minutes: number, q: QuietHours): boolean {
  if (q.start === q.end) return false
  return q.start < q.end
    ? minutes >= q.start && minutes < q.end
    : minutes >= q.start || minutes < q.end
}

/** The first instant at or after `ms` outside quiet hours, on the clinic's clock. */
export function afterQuietHours(ms: number, q: QuietHours, timeZone: string): number {
  const local = utcToZoned(ms, timeZone)
  if (!inQuiet(local.minutes, q)) return ms
  // Quiet through midnight: the end is today if we are past midnight, else tomorrow.
  const endDate = q.start > q.end && local.minutes >= q.start ? addDays(local.date, 1) : local.date
  return zonedToUtc(endDate, q.end, timeZone)
}

/**
 * When a reminder for an appointment starting at `startsAt` (UTC ms) goes, or null when it
 * would not be worth sending (its time has passed at booking: the confirmation covers it).
 *
 * The rule (on the clinic's wall clock, never elapsed hours):
 * 1. `hours` before the start's local date and time: 24 h before a Monday 09:00 is Sunday
 *    09:00 local, whatever the clocks did overnight.
 * 2. Day-before rule: a reminder that lands in quiet hours waits for them to end if that is
 *    still a day before the appointment; otherwise it goes earlier, a quarter hour before
 *    quiet hours began that evening. It is never pushed into the appointment's own day
 *    (an 08:00 client must hear the evening before).
 */
export function reminderDue(
  startsAt: number,
  hours: number,
  q: QuietHours,
  timeZone: string,
  now: number,
): number | null {
  const start = utcToZoned(startsAt, timeZone)
  const wall = start.minutes - hours * 60
  const days = Math.floor(wall / 1440)
  let due = zonedToUtc(addDays(start.date, days), wall - days * 1440, timeZone)
  const local = utcToZoned(due, timeZone)
  if (inQuiet(local.minutes, q)) {
    const forward = afterQuietHours(due, q, timeZone)
    if (utcToZoned(forward, timeZone).date < start.date) {
      due = forward
    } else {
      // The quiet period this falls in began on the evening of `quietDate`.
      const quietDate =
        q.start > q.end && local.minutes < q.end ? addDays(local.date, -1) : local.date
      due = zonedToUtc(quietDate, Math.max(0, q.start - 15), timeZone)
    }
  }
  if (due <= now) return null
  if (due >= startsAt) return null
  return due
}

/** Now, or the end of quiet hours if now is inside them: for confirmations and changes. */
export function sendableFrom(now: number, q: QuietHours, timeZone: string): number {
  return afterQuietHours(now, q, timeZone)
}

/** `days` after an appointment's local date, at its local start time, out of quiet hours. */
export function daysAfter(startsAt: number, days: number, q: QuietHours, timeZone: string): number {
  const start = utcToZoned(startsAt, timeZone)
  return afterQuietHours(
    zonedToUtc(addDays(start.date, days), start.minutes, timeZone),
    q,
    timeZone,
  )
}

export const RETRY_BASE_MS = 30 * 1000
export const RETRY_CAP_MS = 60 * MINUTE
export const MAX_ATTEMPTS = 8

/**
 * Exponential backoff for a transient failure: 30 s, 1, 2, 4 ... minutes, at most an hour,
 * with up to 20% jitter so many messages failed together do not retry together.
 */
export function retryDelay(attempts: number, random = Math.random): number {
  const base = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1))
  return Math.round(base * (1 + 0.2 * random()))
}
