import { TZDate, tzOffset } from '@date-fns/tz'
import { format } from 'date-fns/format'

// react-big-calendar (and its date-fns localizer) draws every Date in the computer's own time
// zone and has no time-zone setting. The diary must show the clinic's clock (Europe/London by
// default) even on a laptop set to New York, so at the calendar's boundary each UTC instant
// becomes a "wall-clock" Date: a Date whose local fields (year ... minute) in the browser's
// zone are the clinic's local fields. Everything that leaves the calendar (drops, selected
// slots, the visible range) is turned back into a real instant with the clinic's zone. This
// is the approach react-big-calendar's maintainers point to (issues #118 and #704: build
// Dates from local parts, and pass `getNow` so the now line and "today" follow the clinic).

export const DEFAULT_TIME_ZONE = 'Europe/London'

const QUARTER_HOUR = 900_000
const offsets = new Map<string, number>()

/**
 * The clinic's UTC offset (ms) at an instant. A week view converts ~800 instants a render and
 * an Intl look-up costs tens of microseconds, so offsets are cached per quarter hour (zones
 * only change offset on quarter-hour boundaries).
 */
function clinicOffset(ms: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(ms / QUARTER_HOUR)}`
  let found = offsets.get(key)
  if (found === undefined) {
    found = tzOffset(timeZone, new Date(ms)) * 60_000
    if (offsets.size > 50_000) offsets.clear()
    offsets.set(key, found)
  }
  return found
}

/** A UTC instant (ISO string or ms) as a wall-clock Date showing the clinic's local time. */
export function toWall(instant: string | number | Date, timeZone: string): Date {
  const ms = typeof instant === 'string' ? Date.parse(instant) : new Date(instant).getTime()
  // The clinic's local fields, read back as UTC fields, then rebuilt in the browser's zone.
  const local = new Date(ms + clinicOffset(ms, timeZone))
  return new Date(
    local.getUTCFullYear(),
    local.getUTCMonth(),
    local.getUTCDate(),
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
    local.getUTCMilliseconds(),
  )
}

/** A wall-clock Date (the calendar's) back to the UTC instant it stands for at the clinic. */
export function fromWall(wall: Date, timeZone: string): Date {
  return new Date(
    new TZDate(
      wall.getFullYear(),
      wall.getMonth(),
      wall.getDate(),
      wall.getHours(),
      wall.getMinutes(),
      wall.getSeconds(),
      wall.getMilliseconds(),
      timeZone,
    ).getTime(),
  )
}

/** A local date ('2026-03-16') and time ('09:00') at the clinic, as a UTC ISO instant. */
export function clinicInstant(date: string, time: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number)
  const [hh, mm] = time.split(':').map(Number)
  return new Date(new TZDate(y!, m! - 1, d!, hh!, mm!, timeZone).getTime()).toISOString()
}

/** date-fns `format` of an instant on the clinic's clock. */
export function formatClinic(instant: string | number | Date, pattern: string, timeZone: string) {
  return format(new TZDate(new Date(instant).getTime(), timeZone), pattern)
}
