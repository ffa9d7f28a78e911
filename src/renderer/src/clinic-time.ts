import { DEFAULT_TIME_ZONE, formatClinic } from '../../shared/diary/wall-clock'

// Every instant on screen is shown on the clinic's clock (Settings → time zone), not the
// computer's: a laptop left on another zone after a trip must not move a 09:00 booking.
// The shell sets the zone as settings load, before any screen renders; plain formatting
// functions read it here rather than every caller threading a hook through.
let zone = DEFAULT_TIME_ZONE

export function setDisplayTimeZone(timeZone: string): void {
  zone = timeZone
}

/** An ISO instant as date-fns `pattern` on the clinic's clock. */
export function formatInstant(iso: string | number | Date, pattern: string): string {
  return formatClinic(iso, pattern, zone)
}
