/**
 * The booking being typed, kept in memory (not on disk: it names a client) so closing the
 * dialog by accident, or looking something up elsewhere, loses nothing.
 */
export interface BookingDraft {
  query: string
  client: { id: number; name: string; phone: string; alerts: string[] } | null
  serviceId: number | null
  therapistId: number | null
  partOfDay: 'any' | 'morning' | 'afternoon' | 'evening'
  /** Any day, weekdays, weekends, or one day of the week ("Thursday evening"). */
  days: 'any' | 'weekdays' | 'weekends' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'
  fromDate: string
  picked: { therapistId: number; startsAt: string; endsAt: string | null } | null
  notes: string
  /** 0: once; otherwise every N weeks, `repeatCount` times. */
  repeatEvery: number
  repeatCount: number
  /** How soon the caller needs a time, if they go on the waiting list. */
  urgency: 'low' | 'normal' | 'high'
  newClient: { firstName: string; lastName: string; mobile: string }
  /** The lookup answered "nobody" and the new-client fields are open. */
  addingClient: boolean
}

export function emptyDraft(today: string): BookingDraft {
  return {
    query: '',
    client: null,
    serviceId: null,
    therapistId: null,
    partOfDay: 'any',
    days: 'any',
    fromDate: today,
    picked: null,
    notes: '',
    repeatEvery: 0,
    repeatCount: 6,
    urgency: 'normal',
    newClient: { firstName: '', lastName: '', mobile: '' },
    addingClient: false,
  }
}

let saved: BookingDraft | null = null
const listeners = new Set<() => void>()
const tell = () => listeners.forEach((l) => l())

export function readBookingDraft(): BookingDraft | null {
  return saved
}

export function writeBookingDraft(draft: BookingDraft): void {
  saved = draft
  tell()
}

export function clearBookingDraft(): void {
  saved = null
  tell()
}

/** Whether a booking was begun and not finished: something typed, found or picked. */
export function hasBookingDraft(): boolean {
  const d = saved
  if (!d) return false
  return (
    d.query.trim() !== '' ||
    d.client !== null ||
    d.picked !== null ||
    d.notes.trim() !== '' ||
    d.addingClient ||
    Object.values(d.newClient).some((v) => v.trim() !== '')
  )
}

/**
 * For useSyncExternalStore: the diary's button says "Continue new booking" while a draft
 * waits (a user trial, signed back in after the host restarted, thought the half-made
 * booking was lost: nothing pointed to it).
 */
export function subscribeBookingDraft(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
