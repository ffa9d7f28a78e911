import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns/format'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import type { Actor } from '../actor'
import { exercisesForSheet } from '../exercises/exercise-library'
import { readableNote } from '../notes/note-reading'
import { getClinicSettings } from '../settings'
import { aftercareSheetPdf } from './aftercare-pdf'
import { keepClientDocument, type KeptPdf } from './client-documents'

/**
 * Makes the aftercare sheet for a note the caller may read (the author-only rule applies)
 * with the exercises picked, and keeps a copy on the client's record.
 * Errors: not_found / forbidden (note), not_found (an exercise).
 */
export async function makeAftercareSheet(
  db: Kysely<DB>,
  attachmentsDir: string,
  actor: Actor,
  input: { noteId: number; exerciseIds: number[] },
  now: Date,
): Promise<KeptPdf & { clientId: number }> {
  const { note } = await readableNote(db, actor, input.noteId)
  const clinic = await getClinicSettings(db)
  const exercises = await exercisesForSheet(db, input.exerciseIds)
  const bytes = await aftercareSheetPdf(clinic, note, exercises, attachmentsDir)
  const day = format(new TZDate(note.sessionAt, clinic.timeZone), 'yyyy-MM-dd')
  const kept = await keepClientDocument(
    db,
    attachmentsDir,
    actor,
    {
      clientId: note.clientId,
      kind: 'aftercare',
      title: `Aftercare sheet, ${day}`,
      filename: `Aftercare ${note.clientName} ${day}.pdf`,
      bytes,
      noteId: input.noteId,
    },
    now,
  )
  return { ...kept, clientId: note.clientId }
}
