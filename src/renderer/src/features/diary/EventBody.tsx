import { memo, type ReactNode } from 'react'
import { STATUS_SHORT_LABELS } from '../../../../shared/contract/diary'
import { Icon } from '../../components/Icon'
import type { DiaryEvent } from './diary-events'
import { hm } from './calendar-setup'

/** A booking in the calendar. Memoised: react-big-calendar redraws every body on any change. */
export const EventBody = memo(function EventBody({ event }: { event: DiaryEvent }) {
  const a = event.appt
  return (
    <span className="ev-body">
      <span className="ev-client">
        {a.alerts.length > 0 && (
          <span className="ev-alert-icon" title={a.alerts.map((x) => x.text).join('; ')}>
            <Icon name="alert" size={13} />
            <span className="visually-hidden">Medical alert: </span>
          </span>
        )}
        {a.clientName}
      </span>
      <span className="ev-service">
        <span className="ev-time">{hm(event.start)}</span> {a.serviceName}
        {a.status !== 'booked' && (
          <span className="ev-status"> · {STATUS_SHORT_LABELS[a.status]}</span>
        )}
      </span>
      <span className="ev-who">{event.who}</span>
    </span>
  )
})

/**
 * A booking in everyone's week, where a lane is a tenth of a day wide: start and client
 * (whose booking it is: the lane and its colour), the rest in the booking's tooltip, and all
 * of it in words for screen readers (DiaryEvent.spoken). Four elements and no clipping or
 * positioning of its own: for ~930 bookings, each clipped or positioned element was a paint
 * layer that every frame hit-tested and layerized (issue 19).
 */
export const CompactEventBody = Object.assign(
  memo(function CompactEventBody({ event }: { event: DiaryEvent }) {
    const a = event.appt
    return (
      <span className="ev-body ev-compact">
        <span className="ev-time">{hm(event.start)}</span>{' '}
        <span className="ev-name">{a.clientName}</span>
        {/* Shown instead of the name when the lane is too narrow for it (diary.css), drawn
            from the attribute: a shorthand of the name seen, the name itself said. */}
        <span className="ev-initials" data-initials={initialsOf(a.clientName)} />
      </span>
    )
  }),
  // Read by the booking's wrapper (calendar-memo.ts): this body's booking is named by
  // DiaryEvent.spoken, which begins with the start and the client, as seen.
  { namesItsBooking: true as const },
)

/** "Juan Schumm" → "JS"; "Zoë O’Brien-Hale" → "ZO". */
function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('')
}

/**
 * A day's heading in the week (inside the library's button that opens that day). The
 * library's own is a `columnheader` with no row or grid around it, which screen readers
 * cannot place (axe: aria-required-parent); the button says the day well enough.
 */
export function DayHeading({ label }: { label: ReactNode }) {
  return <span>{label}</span>
}
