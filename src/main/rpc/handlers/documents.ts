import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'
import { aftercareSheetPdf } from '../../services/documents/aftercare-pdf'
import {
  keepClientDocument,
  listClientDocuments,
  readClientDocument,
} from '../../services/documents/client-documents'
import { exercisesForSheet } from '../../services/exercises/exercise-library'
import { readableNote } from '../../services/notes/note-reading'
import { getClinicSettings } from '../../services/settings'
import { audited } from './audited'
import type { HandlersOf } from './types'

// Audit summaries name documents and notes by number, never their advice or the client.
export const documentsHandlers: HandlersOf<'documents.'> = {
  'documents.aftercareSheet': audited(async (ctx, { noteId, exerciseIds }) => {
    const { note } = await readableNote(ctx.db, ctx.session, noteId)
    const clinic = await getClinicSettings(ctx.db)
    const exercises = await exercisesForSheet(ctx.db, exerciseIds)
    const bytes = await aftercareSheetPdf(clinic, note, exercises, ctx.core.attachmentsDir)
    const day = format(new TZDate(note.sessionAt, clinic.timeZone), 'yyyy-MM-dd')
    const filename = `Aftercare ${note.clientName} ${day}.pdf`
    const documentId = await keepClientDocument(
      ctx.db,
      ctx.core.attachmentsDir,
      ctx.session,
      {
        clientId: note.clientId,
        kind: 'aftercare',
        title: `Aftercare sheet, ${day}`,
        filename,
        bytes,
        noteId,
      },
      ctx.now,
    )
    return {
      value: { filename, base64: Buffer.from(bytes).toString('base64'), documentId },
      audit: {
        entityType: 'client',
        entityId: note.clientId,
        summary: `Made aftercare sheet #${documentId} from treatment note #${noteId}`,
      },
    }
  }),

  'documents.list': ({ db }, { clientId }) => listClientDocuments(db, clientId),

  'documents.get': audited(async (ctx, { id }) => {
    const doc = await readClientDocument(ctx.db, ctx.core.attachmentsDir, id)
    return {
      value: { filename: doc.filename, base64: doc.data.toString('base64') },
      audit: {
        action: 'documents.opened',
        entityType: 'client',
        entityId: doc.clientId,
        summary: `Opened document #${id}`,
      },
    }
  }),
}
