import type { RefObject } from 'react'
import { formatPence } from '../../../../shared/money/pounds'
import type { BookingDraft } from './booking-draft'
import { DAYS, PARTS } from './booking-plan'
import type { Booking } from './use-booking'

/**
 * What the caller wants: the service, who with, and when roughly. Any change here starts a
 * new search; a time already chosen stays if it still fits (booking-plan.ts pickStillFits).
 */
export function BookingChoices({
  booking,
  serviceRef,
}: {
  booking: Booking
  serviceRef: RefObject<HTMLSelectElement | null>
}) {
  const { draft, choose, services, serviceId, offering } = booking
  return (
    <>
      <div className="booking-row">
        <div className="field">
          <label htmlFor="booking-service">Service</label>
          <select
            id="booking-service"
            ref={serviceRef}
            value={serviceId ?? ''}
            onChange={(e) => choose({ serviceId: Number(e.target.value) })}
          >
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} · {s.durationMinutes} min · {formatPence(s.pricePence)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="booking-therapist">Therapist</label>
          <select
            id="booking-therapist"
            value={draft.therapistId ?? ''}
            onChange={(e) =>
              choose({ therapistId: e.target.value ? Number(e.target.value) : null })
            }
          >
            <option value="">Anyone</option>
            {offering.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="booking-row">
        <div className="field">
          <label htmlFor="booking-part">Time of day</label>
          <select
            id="booking-part"
            value={draft.partOfDay}
            onChange={(e) => choose({ partOfDay: e.target.value as BookingDraft['partOfDay'] })}
          >
            {Object.entries(PARTS).map(([k, v]) => (
              <option key={k} value={k}>
                {v.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="booking-days">Days</label>
          <select
            id="booking-days"
            value={draft.days}
            onChange={(e) => choose({ days: e.target.value as BookingDraft['days'] })}
          >
            {Object.entries(DAYS).map(([k, v]) => (
              <option key={k} value={k}>
                {v.label}
              </option>
            ))}
          </select>
        </div>
      </div>
    </>
  )
}
