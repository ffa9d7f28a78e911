import './event-suggestions.css'
import { useEffect, useMemo, useRef, type RefObject } from 'react'
import { eventSuggestions, type EventSuggestion } from '../../../../shared/diary/event-suggestions'
import { useClient } from '../../api/clients'
import type { Booking } from './use-booking'

/**
 * Race-aware booking: when the chosen client has an event coming (or just run), labelled
 * suggestions (pre-event, recovery, maintenance up to it), picked with one key (1, 2, 3 …)
 * while the list has focus, or a click. Picking sets the service, the search start and, for
 * maintenance, the series; the free times then start at that window.
 * The rules are the pure module src/shared/diary/event-suggestions.ts.
 */
export function EventSuggestions({
  booking,
  clientId,
  onPicked,
  takeFocusFrom,
}: {
  booking: Booking
  clientId: number
  onPicked(): void
  /** Where focus goes after a client is chosen: the suggestions take it over once shown. */
  takeFocusFrom: RefObject<HTMLElement | null>
}) {
  const client = useClient(clientId)
  const ref = useRef<HTMLDivElement>(null)
  const focusedFor = useRef<number | null>(null)
  const { services, serviceId, today } = booking
  const suggestions = useMemo(
    () =>
      client.data?.eventDate
        ? eventSuggestions({
            eventDate: client.data.eventDate,
            eventName: client.data.eventName,
            today,
            services: services
              .filter((s) => s.active)
              .map((s) => ({ id: s.id, name: s.name, durationMinutes: s.durationMinutes })),
            usualServiceId: serviceId,
          })
        : [],
    [client.data, services, serviceId, today],
  )
  // Once per chosen client, and only if the user is still where choosing left them.
  useEffect(() => {
    if (suggestions.length === 0 || focusedFor.current === clientId) return
    focusedFor.current = clientId
    const active = document.activeElement
    if (active === takeFocusFrom.current || active === document.body) ref.current?.focus()
  }, [suggestions.length, clientId, takeFocusFrom])
  if (suggestions.length === 0) return null

  const pick = (s: EventSuggestion) => {
    booking.clearPlan()
    booking.choose({ fromDate: s.fromDate, ...(s.serviceId ? { serviceId: s.serviceId } : {}) })
    booking.setDraft({
      repeatEvery: s.repeatEvery,
      ...(s.repeatEvery > 0 ? { repeatCount: s.repeatCount } : {}),
    })
    onPicked()
  }
  return (
    <div
      className="event-suggestions"
      ref={ref}
      tabIndex={-1}
      role="group"
      aria-labelledby="event-suggestions-title"
      onKeyDown={(e) => {
        const s = suggestions.find((x) => x.key === e.key)
        if (s && !e.altKey && !e.ctrlKey && !e.metaKey) {
          e.preventDefault()
          pick(s)
        }
      }}
    >
      <h3 id="event-suggestions-title">
        Around {client.data?.eventName || 'the event'} (press a number to choose)
      </h3>
      <ul>
        {suggestions.map((s) => (
          <li key={s.key}>
            <button type="button" className="button link" onClick={() => pick(s)}>
              <kbd>{s.key}</kbd>
              {s.label}
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}
