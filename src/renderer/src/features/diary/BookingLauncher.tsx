import { useEffect } from 'react'
import { BookingDialog } from './BookingDialog'
import { closeBooking, openBooking, useBookingState } from './booking-store'

/**
 * "New booking" from anywhere: Ctrl+B (Ctrl+K is client search, Ctrl+L lock, Ctrl+S save,
 * Alt+1…5 the screens). Mounted once in the shell.
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
  if (!state.open) return null
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
