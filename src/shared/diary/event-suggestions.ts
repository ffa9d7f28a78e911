import { TZDate } from '@date-fns/tz'
import { addDays, differenceInCalendarDays, format, parseISO } from 'date-fns'

/**
 * Race-aware booking: what to offer reception when a client has an event (a race) coming up.
 * Pure: dates are clinic-local calendar dates (yyyy-mm-dd) and instants are computed in the
 * clinic's time zone, so a suggestion keeps its local dates and times when the clocks change.
 *
 * - Pre-event: 2–5 days before the event, on a lighter service if the clinic has one (a name
 *   with "pre-event", "pre-race", "light", "flush" or "express", else the shortest service
 *   shorter than the usual one). Sports-massage practice: deep work is kept away from the last
 *   days before a race.
 * - Post-event recovery: 2–4 days after the event (a "recovery"/"post-event" service if any).
 * - Maintenance rhythm up to the event: weekly, fortnightly or monthly (every 4 weeks, which is
 *   what the diary's series can repeat), the last session before the pre-event window.
 */
export const PRE_EVENT_DAYS = { nearest: 2, furthest: 5 } as const
export const POST_EVENT_DAYS = { nearest: 2, furthest: 4 } as const
export const RHYTHMS = [
  { everyWeeks: 1, name: 'weekly' },
  { everyWeeks: 2, name: 'fortnightly' },
  { everyWeeks: 4, name: 'monthly (every 4 weeks)' },
] as const

export interface ServiceChoice {
  id: number
  name: string
  durationMinutes: number
}

export interface EventSuggestion {
  /** The key that picks it in the booking dialog: '1', '2', … */
  key: string
  kind: 'pre-event' | 'post-event' | 'maintenance'
  label: string
  /** First and last clinic-local date to search (inclusive). */
  fromDate: string
  toDate: string
  serviceId: number | null
  /** 0: once; else the series repeats every N weeks, `repeatCount` times. */
  repeatEvery: number
  repeatCount: number
}

const LIGHTER = /pre[- ]?(event|race)|light|flush|express/i
const RECOVERY = /post[- ]?(event|race)|recovery/i

function lighterService(services: readonly ServiceChoice[], usual: ServiceChoice | null) {
  const named = services
    .filter((s) => LIGHTER.test(s.name))
    .sort((a, b) => a.durationMinutes - b.durationMinutes)[0]
  if (named) return named
  if (!usual) return null
  return (
    services
      .filter((s) => s.durationMinutes < usual.durationMinutes)
      .sort((a, b) => a.durationMinutes - b.durationMinutes)[0] ?? usual
  )
}

const iso = (d: Date) => format(d, 'yyyy-MM-dd')
const shortDate = (isoDate: string) => format(parseISO(isoDate), 'EEE d MMM')

/**
 * The suggestions for one client, in the order they are offered (keys 1, 2, 3 …).
 * `today` and `eventDate` are clinic-local dates; `usualServiceId` is the service chosen in
 * the dialog (or the client's usual one). Returns [] when there is no event or it is over.
 */
export function eventSuggestions(args: {
  eventDate: string
  eventName: string
  today: string
  services: readonly ServiceChoice[]
  usualServiceId: number | null
}): EventSuggestion[] {
  const { eventDate, today, services } = args
  if (!/^\d{4}-\d{2}-\d{2}$/.test(eventDate)) return []
  const event = parseISO(eventDate)
  const now = parseISO(today)
  const daysToEvent = differenceInCalendarDays(event, now)
  const chosen = services.find((s) => s.id === args.usualServiceId) ?? null
  // Recovery and maintenance are ordinary sessions: not the light pre-event one, even when
  // that is what the dialog happens to have chosen.
  const usual =
    chosen && !LIGHTER.test(chosen.name)
      ? chosen
      : (services.find((s) => !LIGHTER.test(s.name)) ?? chosen)
  const name = args.eventName.trim() || 'the event'
  const out: Omit<EventSuggestion, 'key'>[] = []

  if (daysToEvent >= PRE_EVENT_DAYS.nearest) {
    const from = addDays(event, -Math.min(PRE_EVENT_DAYS.furthest, daysToEvent))
    const to = addDays(event, -PRE_EVENT_DAYS.nearest)
    const light = lighterService(services, chosen ?? usual)
    out.push({
      kind: 'pre-event',
      label: `Pre-event${light ? ` ${light.name}` : ''}, ${shortDate(iso(from))}–${shortDate(iso(to))} (2–5 days before ${name})`,
      fromDate: iso(from),
      toDate: iso(to),
      serviceId: light?.id ?? null,
      repeatEvery: 0,
      repeatCount: 1,
    })
  }
  if (daysToEvent >= -POST_EVENT_DAYS.furthest + 1) {
    const from = addDays(event, POST_EVENT_DAYS.nearest)
    const to = addDays(event, POST_EVENT_DAYS.furthest)
    const start = from < now ? now : from
    const recovery = services.find((s) => RECOVERY.test(s.name)) ?? usual
    out.push({
      kind: 'post-event',
      label: `Recovery after ${name}${recovery ? ` (${recovery.name})` : ''}, ${shortDate(iso(start))}–${shortDate(iso(to))} (2–4 days after)`,
      fromDate: iso(start),
      toDate: iso(to),
      serviceId: recovery?.id ?? null,
      repeatEvery: 0,
      repeatCount: 1,
    })
  }
  // Maintenance: from tomorrow up to the day before the pre-event window.
  const lastMaintenance = addDays(event, -(PRE_EVENT_DAYS.furthest + 1))
  const firstMaintenance = addDays(now, 1)
  const span = differenceInCalendarDays(lastMaintenance, firstMaintenance)
  for (const rhythm of RHYTHMS) {
    if (span < 0) break
    const count = Math.floor(span / (7 * rhythm.everyWeeks)) + 1
    if (count < 2) continue
    out.push({
      kind: 'maintenance',
      label: `Maintenance ${rhythm.name} up to ${name}: ${count} sessions from ${shortDate(iso(firstMaintenance))}`,
      fromDate: iso(firstMaintenance),
      toDate: iso(addDays(firstMaintenance, 6)),
      serviceId: usual?.id ?? null,
      repeatEvery: rhythm.everyWeeks,
      repeatCount: Math.min(count, 52),
    })
  }
  return out.map((s, i) => ({ ...s, key: String(i + 1) }))
}

/** Midnight at the start of a clinic-local date, as a UTC ISO instant. */
export function startOfLocalDay(date: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, 0, timeZone).getTime()).toISOString()
}

/**
 * The instants of a maintenance series: `count` sessions every `everyWeeks` weeks from a
 * clinic-local date and time ("09:00"), the same local time on every date (clock changes
 * included), as the diary's series books them.
 */
export function seriesInstants(
  firstDate: string,
  time: string,
  everyWeeks: number,
  count: number,
  timeZone: string,
): string[] {
  const [y, m, d] = firstDate.split('-').map(Number) as [number, number, number]
  const [hh, mm] = time.split(':').map(Number) as [number, number]
  return Array.from({ length: count }, (_, i) =>
    new Date(
      new TZDate(y, m - 1, d + i * 7 * everyWeeks, hh, mm, 0, 0, timeZone).getTime(),
    ).toISOString(),
  )
}
