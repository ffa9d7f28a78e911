import { useMemo } from 'react'
import { addDays, startOfDay } from 'date-fns'
import {
  STATUS_LABELS,
  type DiaryAppointment,
  type DiaryRange,
} from '../../../../shared/contract/diary'
import type { Therapist } from '../../../../shared/contract/diary-setup'
import { toWall } from '../../../../shared/diary/wall-clock'
import { hm } from './calendar-setup'
import type { DiaryView } from './visible-range'

/** A booking as react-big-calendar draws it: start and end on the clinic's wall clock. */
export interface DiaryEvent {
  id: number
  title: string
  start: Date
  end: Date
  resourceId: number
  appt: DiaryAppointment
  /** The therapist's name and colour: the all-therapists week tells bookings apart by them. */
  who: string
  whoColour: string
  /**
   * The booking in words, the accessible name of a booking in everyone's week, whose body
   * shows only the start and the client (calendar-memo.ts puts it there): "09:00 Priya Shah,
   * Sports massage, Did not attend, with Alex Morgan, medical alert". It begins with what
   * is seen, so the name contains the visible text (WCAG 2.5.3). Said rather than drawn:
   * text for screen readers only, inside each of ~930 bookings, was a paint layer each
   * (issue 19).
   */
  spoken: string
}

/**
 * The calendar's events for the fetched range, only the shown therapists' and, in the day
 * view, only that day's.
 */
export function useDiaryEvents({
  data,
  therapists,
  tz,
  shownIds,
  view,
  date,
}: {
  data: DiaryRange | undefined
  therapists: Therapist[] | undefined
  tz: string
  shownIds: Set<number>
  view: DiaryView
  date: Date
}): DiaryEvent[] {
  // Date objects are made once per fetched range: react-big-calendar re-measures every event
  // whose start or end is a new object, which is what makes big diaries slow.
  // And one event object per appointment object: a move patches only the moved booking in the
  // cached range, so every other event keeps its identity and its (memoised) body is not
  // redrawn, which is most of the cost of a drop in a full week.
  const eventCache = useMemo(
    () => ({ tz, therapists, map: new WeakMap<DiaryAppointment, DiaryEvent>() }),
    [tz, therapists],
  )
  const allEvents = useMemo<DiaryEvent[]>(() => {
    const byId = new Map((eventCache.therapists ?? []).map((t) => [t.id, t]))
    return (data?.appointments ?? []).map((a) => {
      let event = eventCache.map.get(a)
      if (!event) {
        const start = toWall(a.startsAt, eventCache.tz)
        const therapist = byId.get(a.therapistId)
        const who = therapist?.name ?? ''
        event = {
          id: a.id,
          title: `${a.clientName} · ${a.serviceName}`,
          start,
          end: toWall(a.endsAt, eventCache.tz),
          resourceId: a.therapistId,
          appt: a,
          who,
          whoColour: therapist?.colour ?? a.serviceColour,
          spoken: spokenName(a, start, who),
        }
        eventCache.map.set(a, event)
      }
      return event
    })
  }, [data, eventCache])
  // The day view is handed only that day's bookings (the whole week is fetched): the calendar
  // tests every event against every therapist column with date-fns, 7 times the work otherwise.
  const dayStart = view === 'day' ? startOfDay(date).getTime() : null
  return useMemo(() => {
    if (dayStart === null) return allEvents.filter((e) => shownIds.has(e.resourceId))
    const dayEnd = addDays(new Date(dayStart), 1).getTime()
    return allEvents.filter(
      (e) => shownIds.has(e.resourceId) && e.start.getTime() < dayEnd && e.end.getTime() > dayStart,
    )
  }, [allEvents, shownIds, dayStart])
}

/** `DiaryEvent.spoken` for one booking; `start` on the clinic's wall clock. */
export function spokenName(a: DiaryAppointment, start: Date, who: string): string {
  const parts = [`${hm(start)} ${a.clientName}`, a.serviceName]
  if (a.status !== 'booked') parts.push(STATUS_LABELS[a.status])
  if (who) parts.push(`with ${who}`)
  if (a.alerts.length > 0) parts.push('medical alert')
  return parts.join(', ')
}
