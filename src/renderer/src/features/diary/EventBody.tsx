import { memo } from 'react'
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
 * A booking in everyone's week, where a lane is a tenth of a day wide: one line, start and
 * client (whose booking it is: the lane, and words for screen readers), the rest in the
 * booking's tooltip. Four elements instead of eight, for ~930
 * bookings redrawn on every next/previous (issue 19).
 */
export const CompactEventBody = memo(function CompactEventBody({ event }: { event: DiaryEvent }) {
  const a = event.appt
  return (
    <span className="ev-body ev-compact">
      {a.alerts.length > 0 && <span className="ev-alert-mark">Medical alert: </span>}
      <span className="ev-time">{hm(event.start)}</span>{' '}
      <span className="ev-name">{a.clientName}</span>
      {/* Shown instead of the name when the lane is too narrow for it (diary.css). */}
      <span className="ev-initials" aria-hidden="true">
        {initialsOf(a.clientName)}
      </span>
      {/* Seen as the therapist's lane and colour; said to screen readers. */}
      <span className="visually-hidden">, with {event.who}</span>
    </span>
  )
})

/** "Juan Schumm" → "JS"; "Zoë O’Brien-Hale" → "ZO". */
function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('')
}
