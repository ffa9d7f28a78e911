import { useAuthStatus } from '../../api/auth'
import { useNoteForAppointment } from '../../api/notes'
import { newNoteHref, noteHref } from './NoteScreen'

/** "Write note" in the appointment dialog; reception only sees whether one exists. */
export function AppointmentNoteButton({
  appointmentId,
  clientId,
  status,
  onOpen,
}: {
  appointmentId: number
  clientId: number
  status: string
  onOpen(): void
}) {
  const role = useAuthStatus().data?.user?.role
  const note = useNoteForAppointment(appointmentId)
  if (note.isPending) return null
  const existing = note.data
  if (role !== 'owner' && role !== 'therapist') {
    return existing ? (
      <span className="status-pill">{existing.signedAt ? 'Note signed' : 'Note in draft'}</span>
    ) : null
  }
  if (!existing && status !== 'arrived' && status !== 'completed') return null
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
