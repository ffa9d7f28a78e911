import { utcToZoned } from '../../src/main/services/diary/clinic-clock'

/**
 * Every end-to-end test runs at the same clinic time, whatever the real date: the browser's
 * clock (Playwright's `page.clock`) and the router's injected `now` both start here and then
 * tick in real time. Before this, a test run on a Sunday (the demo clinic is closed) or on a
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
