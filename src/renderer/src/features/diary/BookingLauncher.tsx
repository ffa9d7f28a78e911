import { useEffect } from 'react'
import { BookingDialog } from './BookingDialog'
import { Icon } from '../../components/Icon'
import { closeBooking, dismissWaitlisted, openBooking, useBookingState } from './booking-store'
import './diary.css'

/**
 * "New booking" from anywhere: Ctrl+B (Ctrl+K is client search, Ctrl+L lock, Ctrl+S save,
 * Alt+1…7 the screens). Mounted once in the shell.
 */
export function BookingLauncher({ onBooked }: { onBooked(startsAt: string): void }) {
  const state = useBookingState()
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'b') {
        event.preventDefault()
        openBooking()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  if (!state.open) {
    return state.waitlisted ? (
      <div className="banner banner-ok booking-toast" role="status">
        <Icon name="check" /> {state.waitlisted} is on the waiting list; they show up when a
        matching time is cancelled.
        <button
          type="button"
          className="button link banner-close"
          onClick={dismissWaitlisted}
          aria-label="Dismiss"
        >
          ×
        </button>
      </div>
    ) : null
  }
  return (
    <BookingDialog
      key={state.serial}
      prefill={state.prefill}
      serial={state.serial}
      onBooked={(startsAt) => {
        closeBooking(startsAt)
        onBooked(startsAt)
      }}
    />
  )
}
