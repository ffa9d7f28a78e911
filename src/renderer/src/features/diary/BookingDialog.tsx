import { useRef, useState } from 'react'
import { useAuthStatus } from '../../api/auth'
import { Icon } from '../../components/Icon'
import { Modal } from '../../components/Modal'
import { BookingPackageNote } from '../money/BookingPackageNote'
import { BookingChoices } from './BookingChoices'
import { clearBookingDraft, type BookingDraft } from './booking-draft'
import { bookButtonLabel } from './booking-plan'
import { closeBooking, type BookingPrefill } from './booking-store'
import { ClientStep } from './ClientStep'
import { EventSuggestions } from './EventSuggestions'
import { SeriesFields } from './SeriesFields'
import { SlotPicker, slotLabel } from './SlotPicker'
import { useBooking } from './use-booking'

/**
 * New booking (Ctrl+B, or an empty slot clicked in the diary): who, what, when, then Book.
 * The state and commands live in useBooking; the rules in booking-plan.ts.
 */
export function BookingDialog({
  prefill,
  serial,
  onBooked,
}: {
  prefill: BookingPrefill | null
  serial: number
  onBooked(startsAt: string): void
}) {
  const booking = useBooking(prefill, onBooked)
  const { draft, setDraft, tz, today, serviceId, service, plan, skip } = booking
  const isOwner = useAuthStatus().data?.user?.role === 'owner'
  const [overrideReason, setOverrideReason] = useState('')
  const bookButton = useRef<HTMLButtonElement>(null)
  const serviceSelect = useRef<HTMLSelectElement>(null)

  return (
    <Modal title="New booking" onClose={closeBooking} wide>
      <form
        className="booking"
        onSubmit={(e) => {
          e.preventDefault()
          void booking.submit()
        }}
        data-serial={serial}
      >
        <ClientStep
          draft={draft}
          setDraft={setDraft}
          onChosen={() => setTimeout(() => serviceSelect.current?.focus(), 0)}
        />
        {draft.client && (
          <EventSuggestions
            takeFocusFrom={serviceSelect}
            booking={booking}
            clientId={draft.client.id}
            onPicked={() =>
              setTimeout(() => document.querySelector<HTMLElement>('.slot-list')?.focus(), 150)
            }
          />
        )}
        <BookingChoices booking={booking} serviceRef={serviceSelect} />
        <BookingPackageNote clientId={draft.client?.id ?? null} serviceId={serviceId} />
        {booking.droppedPick && (
          <p className="picked-note" role="status">
            {booking.droppedPick}
          </p>
        )}
        {serviceId !== null && (
          <SlotPicker
            // A new search (service, therapist, time of day, days, from) starts on page one.
            key={[serviceId, draft.therapistId, draft.partOfDay, draft.days, draft.fromDate].join(
              '|',
            )}
            serviceId={serviceId}
            draft={draft}
            therapistName={booking.therapistName}
            onPick={(slot) => {
              setDraft({
                // The slot was offered for the service on screen: keep it. Left derived, the
                // default would follow the picked therapist's most-booked service and swap a
                // 30-minute booking for a 45-minute one that runs into the next client.
                serviceId,
                picked: {
                  therapistId: slot.therapistId,
                  startsAt: slot.startsAt,
                  endsAt: slot.endsAt,
                },
              })
              setTimeout(() => bookButton.current?.focus(), 0)
            }}
          />
        )}
        <div className="booking-row">
          <div className="field">
            <label htmlFor="booking-from">Search from</label>
            <input
              id="booking-from"
              type="date"
              value={draft.fromDate}
              onChange={(e) => booking.choose({ fromDate: e.target.value || today })}
            />
          </div>
        </div>
        <div className="field">
          <label htmlFor="booking-notes">Booking note (optional)</label>
          <input
            id="booking-notes"
            type="text"
            value={draft.notes}
            maxLength={500}
            onChange={(e) => setDraft({ notes: e.target.value })}
            placeholder="e.g. prefers a female therapist; parking"
          />
        </div>
        <SeriesFields booking={booking} />
        {booking.pastPicked && draft.picked && (
          <div className="banner banner-warn past-warning" role="alert">
            <Icon name="alert" /> {slotLabel(draft.picked.startsAt, tz)} is in the past.
            <label className="check">
              <input
                type="checkbox"
                checked={booking.confirmPast}
                onChange={(e) => booking.setConfirmPast(e.target.checked)}
              />
              Book it in the past (catching up)
            </label>
          </div>
        )}
        {booking.error && (
          <div className="banner banner-error" role="alert">
            <Icon name="alert" /> {booking.error}
          </div>
        )}
        <div className="booking-summary" aria-live="polite">
          {draft.picked && draft.client ? (
            <>
              <strong>{draft.client.name}</strong> · {service?.name} ·{' '}
              {slotLabel(draft.picked.startsAt, tz)} with{' '}
              {booking.therapistName(draft.picked.therapistId) || '…'}
            </>
          ) : (
            <span className="muted">Choose a client and a time.</span>
          )}
        </div>
        {booking.ruleBroken && isOwner && draft.repeatEvery === 0 && (
          <div className="override">
            <div className="field">
              <label htmlFor="booking-override">Book anyway because (owner)</label>
              <input
                id="booking-override"
                type="text"
                value={overrideReason}
                onChange={(e) => setOverrideReason(e.target.value)}
                placeholder="e.g. Sam agreed to come in early for this client"
              />
            </div>
            <button
              type="button"
              className="button danger"
              disabled={overrideReason.trim().length < 3 || booking.pending}
              onClick={() => void booking.submit({ reason: overrideReason.trim() })}
            >
              Book anyway
            </button>
          </div>
        )}
        <div className="form-actions">
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              clearBookingDraft()
              closeBooking()
            }}
          >
            Discard
          </button>
          <label className="inline-select waitlist-urgency">
            <span>Urgency</span>
            <select
              value={draft.urgency ?? 'normal'}
              onChange={(e) => setDraft({ urgency: e.target.value as BookingDraft['urgency'] })}
            >
              <option value="high">Urgent</option>
              <option value="normal">Normal</option>
              <option value="low">Whenever</option>
            </select>
          </label>
          <button
            type="button"
            className="button secondary"
            disabled={!draft.client || booking.waitlistPending}
            onClick={() => void booking.waitlist()}
          >
            Add to waiting list
          </button>
          <button
            ref={bookButton}
            type="submit"
            className="button primary"
            disabled={booking.pending}
          >
            {bookButtonLabel(booking.pending, draft.repeatEvery, plan, skip)}
          </button>
        </div>
      </form>
    </Modal>
  )
}
