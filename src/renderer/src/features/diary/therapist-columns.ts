import type { DayLayoutFunction } from 'react-big-calendar'
import type { DiaryEvent } from './diary-events'

interface SlotMetrics {
  getRange(start: Date, end: Date): { top: number; height: number }
}

/**
 * Everyone's week as a lane per therapist inside each day, in the legend's order: a
 * booking's place says whose it is, and the layout is one pass over the day's bookings.
 * react-big-calendar's "no-overlap" layout compares every booking with every other and
 * walks the chains of overlaps: with ten therapists' full days (~930 bookings a week) most
 * of a next/previous went there (issue 19). A therapist's own bookings never overlap (no
 * double booking); one booked over another on purpose shares its lane, drawn on top.
 */
export function therapistColumns(order: number[]): DayLayoutFunction<DiaryEvent> {
  const lane = new Map(order.map((id, i) => [id, i]))
  const width = 100 / Math.max(1, order.length)
  return ({ events, slotMetrics }) =>
    events.map((event) => {
      const { top, height } = (slotMetrics as SlotMetrics).getRange(event.start, event.end)
      return {
        event,
        style: { top, height, width, xOffset: (lane.get(event.resourceId) ?? 0) * width },
      }
    })
}
