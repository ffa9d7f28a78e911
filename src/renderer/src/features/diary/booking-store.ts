import { useSyncExternalStore } from 'react'

/** What a booking starts from: nothing (Ctrl+B) or an empty slot clicked in the diary. */
export interface BookingPrefill {
  therapistId?: number | undefined
  startsAt?: string | undefined
}

interface State {
  open: boolean
  prefill: BookingPrefill | null
  /** Bumped on every open, so a new prefill replaces the draft's time. */
  serial: number
  /** The start of the last booking made, so the diary can show its day. */
  booked: { startsAt: string; serial: number } | null
  /** Who was just put on the waiting list from the dialog, said once it has closed. */
  waitlisted: string | null
}

let state: State = { open: false, prefill: null, serial: 0, booked: null, waitlisted: null }
const listeners = new Set<() => void>()

function set(next: State) {
  state = next
  for (const l of listeners) l()
}

export function openBooking(prefill: BookingPrefill | null = null): void {
  set({ ...state, open: true, prefill, serial: state.serial + 1, waitlisted: null })
}

/** The caller went on the waiting list instead: the dialog closes and says so. */
export function closeBookingWaitlisted(clientName: string): void {
  set({ ...state, open: false, waitlisted: clientName })
}

export function dismissWaitlisted(): void {
  set({ ...state, waitlisted: null })
}

export function closeBooking(bookedAt?: string): void {
  set({
    ...state,
    open: false,
    booked: bookedAt ? { startsAt: bookedAt, serial: state.serial } : state.booked,
  })
}

export function useBookingState(): State {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => state,
  )
}

type Booked = State['booked']
let acknowledged: Booked = null

/** The last booking whose day the diary has already shown. */
export function acknowledgedBooking(): Booked {
  return acknowledged
}

export function acknowledgeBooking(booked: Booked): void {
  acknowledged = booked
}
