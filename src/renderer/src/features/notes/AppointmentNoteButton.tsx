import { useState } from 'react'
import { useAuthStatus } from '../../api/auth'
import { useNoteForAppointment } from '../../api/notes'
import { newNoteHref, noteHref } from './NoteScreen'

/**
 * "Write note" in the appointment dialog; reception only sees whether one exists. Offered
 * once the client has arrived, or from the appointment's start whatever it is marked (a therapist often writes straight
 * after, before anyone marks it completed); never for a cancelled or missed one, which main
 * refuses a note.
 */
export function AppointmentNoteButton({
  appointmentId,
  clientId,
  status,
  startsAt,
  onOpen,
}: {
  appointmentId: number
  clientId: number
  status: string
  /** The appointment's start (UTC ISO). */
  startsAt: string
  onOpen(): void
}) {
  const role = useAuthStatus().data?.user?.role
  const note = useNoteForAppointment(appointmentId)
  const [openedAt] = useState(() => Date.now())
  if (note.isPending) return null
  const existing = note.data
  if (role !== 'owner' && role !== 'therapist') {
    return existing ? (
      <span className="status-pill">{existing.signedAt ? 'Note signed' : 'Note in draft'}</span>
    ) : null
  }
  const started = Date.parse(startsAt) <= openedAt
  const noteable =
    status === 'arrived' || status === 'completed' || (status === 'booked' && started)
  if (!existing && !noteable) return null
  return (
    <a
      className="button secondary"
      href={existing ? noteHref(clientId, existing.id) : newNoteHref(clientId, appointmentId)}
      onClick={onOpen}
    >
      {existing ? (existing.signedAt ? 'Open note' : 'Continue note') : 'Write note'}
    </a>
  )
}
