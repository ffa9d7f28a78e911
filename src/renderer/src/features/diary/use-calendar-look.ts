import { useCallback, useMemo } from 'react'
import { format } from 'date-fns'
import type { DiaryRange } from '../../../../shared/contract/diary'
import type { Therapist } from '../../../../shared/contract/diary-setup'
import { toWall } from '../../../../shared/diary/wall-clock'
import type { DiaryEvent } from './diary-events'
import { visibleHours, type DiaryView } from './visible-range'

type Span = { s: number; e: number; kind: 'work' | 'break' }

/** A minute of the day as the Date react-big-calendar takes for min, max and scrollToTime. */
function timeOfDay(minutes: number): Date {
  const d = new Date(1970, 0, 1)
  d.setHours(Math.floor(minutes / 60), minutes % 60, 0, 0)
  return d
}

/**
 * How the calendar looks: time outside working hours shaded, breaks striped, closed days
 * marked, each booking's stripe coloured, and the hours shown from an hour before opening.
 */
export function useCalendarLook({
  data,
  opening,
  shown,
  view,
  everyone,
  scrollTarget,
  tz,
  events,
}: {
  data: DiaryRange | undefined
  opening: { opens: string; closes: string }[] | undefined
  shown: Therapist[]
  view: DiaryView
  /** Everyone's week in one grid: the stripe shows the therapist rather than the service. */
  everyone: boolean
  scrollTarget: Date | null
  tz: string
  /** The bookings shown: the hours grow to take them all in. */
  events: DiaryEvent[]
}) {
  // Keyed on the lists, not the whole range: a moved booking patches only the appointments,
  // and new getters would draw every day column again (issue 19).
  const workingList = data?.working
  const closureList = data?.closures
  const working = useMemo(() => {
    const map = new Map<number, Span[]>()
    for (const w of workingList ?? []) {
      const list = map.get(w.therapistId) ?? []
      list.push({
        s: toWall(w.startsAt, tz).getTime(),
        e: toWall(w.endsAt, tz).getTime(),
        kind: w.kind,
      })
      map.set(w.therapistId, list)
    }
    return map
  }, [workingList, tz])
  const closures = useMemo(
    () => new Map((closureList ?? []).map((c) => [c.date, c.reason])),
    [closureList],
  )

  const slotPropGetter = useCallback(
    (slot: Date, resourceId?: number | string) => {
      const t = slot.getTime()
      // Only the day view has a column per therapist; elsewhere (and in the time gutter)
      // react-big-calendar passes no id, or a placeholder one.
      const ids =
        view === 'day' && typeof resourceId === 'number'
          ? [resourceId]
          : shown.map((therapist) => therapist.id)
      let inWork = false
      let inBreak = false
      for (const id of ids) {
        for (const span of working.get(id) ?? []) {
          if (t >= span.s && t < span.e) {
            if (span.kind === 'break') inBreak = true
            else inWork = true
          }
        }
      }
      if (inBreak && ids.length === 1) return { className: 'slot-break' }
      return inWork ? {} : { className: 'slot-off' }
    },
    [working, shown, view],
  )

  const dayPropGetter = useCallback(
    (day: Date) => (closures.has(format(day, 'yyyy-MM-dd')) ? { className: 'day-closed' } : {}),
    [closures],
  )

  const eventPropGetter = useCallback(
    (event: DiaryEvent) => ({
      className: `ev ev-${event.appt.status}${event.appt.alerts.length ? ' ev-alert' : ''}`,
      style: { borderLeftColor: everyone ? event.whoColour : event.appt.serviceColour },
    }),
    [everyone],
  )

  const hours = useMemo(() => visibleHours(opening ?? [], events), [opening, events])
  const { from, to } = hours
  const opens = (opening ?? []).map((o) => o.opens).sort()[0] ?? '08:00'
  // New Dates only when the hours change: the calendar re-measures on a new min or max.
  const { min, max, scrollToTime } = useMemo(
    () => ({
      min: timeOfDay(from),
      // The calendar's last slot starts before `max`: the minute before the hour shows it whole.
      max: timeOfDay(to - 1),
      scrollToTime: scrollTarget
        ? timeOfDay(Math.max(from, (scrollTarget.getHours() - 1) * 60))
        : timeOfDay(Number(opens.slice(0, 2)) * 60 + Number(opens.slice(3, 5))),
    }),
    [from, to, opens, scrollTarget],
  )

  return { slotPropGetter, dayPropGetter, eventPropGetter, min, max, scrollToTime, hours }
}
