import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'
import { keepClientDocument } from '../../services/documents/client-documents'
import {
  letterPdf,
  letterText,
  listLetterTemplates,
  saveLetterTemplate,
} from '../../services/letters/letters'
import { readableNote } from '../../services/notes/note-reading'
import { getClinicSettings } from '../../services/settings'
import { audited } from './audited'
import type { HandlersOf } from './types'

// Audit summaries name the letter and the note by number, never what the letter says.
export const lettersHandlers: HandlersOf<'letters.'> = {
  'letters.templates': ({ db }, { includeInactive }) => listLetterTemplates(db, includeInactive),

  'letters.saveTemplate': audited(async (ctx, input) => {
    const saved = await saveLetterTemplate(ctx.db, input, ctx.now)
    return {
      value: saved,
      audit: {
        entityType: 'letter_template',
        entityId: saved.id,
        summary: `${input.id ? 'Changed' : 'Added'} the letter template “${saved.name}”`,
      },
    }
  }),

  'letters.make': audited(async (ctx, { noteId, templateId }) => {
    const { note } = await readableNote(ctx.db, ctx.session, noteId)
    const clinic = await getClinicSettings(ctx.db)
    const { name, text } = await letterText(ctx.db, clinic, note, templateId, ctx.now)
    const bytes = await letterPdf(clinic, name, text)
    const day = format(new TZDate(ctx.now, clinic.timeZone), 'yyyy-MM-dd')
    const filename = `${name} ${note.clientName} ${day}.pdf`
    const documentId = await keepClientDocument(
      ctx.db,
      ctx.core.attachmentsDir,
      ctx.session,
      {
        clientId: note.clientId,
        kind: 'letter',
        title: `${name}, ${day}`,
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
        summary: `Wrote letter #${documentId} from treatment note #${noteId}`,
      },
    }
  }),
}
