import { utcToZoned } from '../../src/main/services/diary/clinic-clock'

/**
 * Every end-to-end test runs at the same clinic time, whatever the real date: the browser's
 * clock (`pinBrowserClock`) and the router's injected `now` both start here and then tick in
 * real time. Before this, a test run on a Sunday (the demo clinic is closed) or on a
 * clock-change day saw a different diary and failed.
 *
 * Wednesday 17 June 2026, 07:30 in London (06:30 UTC): a working day, months from either
 * clock change, before the first booking of the day so "today at 09:00" is still ahead.
 */
export const PINNED_AT = Date.parse('2026-06-17T06:30:00Z')

const offset = PINNED_AT - Date.now()

/** Milliseconds since the epoch on the tests' clinic clock. */
export const clinicNow = (): number => Date.now() + offset

export const TZ = 'Europe/London'

/** Today's date (yyyy-MM-dd) on the clinic's clock. */
export const today = (): string => utcToZoned(clinicNow(), TZ).date

/**
 * Runs in the page before any of its scripts (`page.addInitScript`): shifts `Date.now()` and
 * `new Date()` by `offsetMs`, and nothing else (timers run as normal).
 *
 * Not Playwright's `page.clock`: its fake `Date` is a subclass whose prototype has no own
 * methods, and @date-fns/tz builds `TZDate` by copying `Date.prototype`'s own methods at load,
 * so every clinic-time label came out in the computer's zone (seen: a 09:00 London booking
 * shown as 04:00 on a New York computer). This keeps the native prototype.
 */
export function pinBrowserClock(offsetMs: number): void {
  const Native = Date
  const now = () => Native.now() + offsetMs
  function Pinned(this: unknown, ...args: unknown[]): unknown {
    if (!new.target) return new Native(now()).toString()
    return Reflect.construct(Native, args.length ? args : [now()], new.target)
  }
  Pinned.prototype = Native.prototype
  Object.defineProperty(Native.prototype, 'constructor', { value: Pinned })
  Pinned.now = now
  Pinned.parse = Native.parse
  Pinned.UTC = Native.UTC
  ;(globalThis as { Date: unknown }).Date = Pinned
}
