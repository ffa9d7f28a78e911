import { useCallback, useMemo } from 'react'
import { format } from 'date-fns'
import type { DiaryRange } from '../../../../shared/contract/appointments'
import type { Therapist } from '../../../../shared/contract/diary-setup'
import { toWall } from '../../../../shared/diary/wall-clock'
import type { DiaryEvent } from './diary-events'
import type { DiaryView } from './visible-range'

type Span = { s: number; e: number; kind: 'work' | 'break' }

function timeOfDay(hhmm: string): Date {
  const d = new Date(1970, 0, 1)
  d.setHours(Number(hhmm.slice(0, 2)), Number(hhmm.slice(3, 5)), 0, 0)
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
}: {
  data: DiaryRange | undefined
  opening: { opens: string; closes: string }[] | undefined
  shown: Therapist[]
  view: DiaryView
  /** Everyone's week in one grid: the stripe shows the therapist rather than the service. */
  everyone: boolean
  scrollTarget: Date | null
  tz: string
}) {
  const working = useMemo(() => {
    const map = new Map<number, Span[]>()
    for (const w of data?.working ?? []) {
      const list = map.get(w.therapistId) ?? []
      list.push({
        s: toWall(w.startsAt, tz).getTime(),
        e: toWall(w.endsAt, tz).getTime(),
        kind: w.kind,
      })
      map.set(w.therapistId, list)
    }
    return map
  }, [data, tz])
  const closures = useMemo(
    () => new Map((data?.closures ?? []).map((c) => [c.date, c.reason])),
    [data],
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

  const { min, max, scrollToTime } = useMemo(() => {
    const hours = opening ?? []
    const opens = hours.map((o) => o.opens).sort()[0] ?? '08:00'
    const closes =
      hours
        .map((o) => o.closes)
        .sort()
        .at(-1) ?? '20:00'
    const early = `${String(Math.max(0, Number(opens.slice(0, 2)) - 1)).padStart(2, '0')}:00`
    const lateHour = Math.min(23, Number(closes.slice(0, 2)) + (closes.endsWith('00') ? 0 : 1))
    return {
      min: timeOfDay(early),
      max: timeOfDay(`${String(lateHour).padStart(2, '0')}:59`),
      scrollToTime: scrollTarget
        ? timeOfDay(`${String(Math.max(0, scrollTarget.getHours() - 1)).padStart(2, '0')}:00`)
        : timeOfDay(opens),
    }
  }, [opening, scrollTarget])

  return { slotPropGetter, dayPropGetter, eventPropGetter, min, max, scrollToTime }
}
