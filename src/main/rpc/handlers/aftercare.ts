import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'
import { aftercareSheetPdf } from '../../services/aftercare/aftercare-pdf'
import { keepClientDocument, listClientDocuments } from '../../services/aftercare/client-documents'
import {
  exercisesForSheet,
  listExercises,
  saveExercise,
} from '../../services/aftercare/exercise-library'
import {
  letterPdf,
  letterText,
  listLetterTemplates,
  saveLetterTemplate,
} from '../../services/aftercare/letters'
import { DomainError } from '../../services/domain-error'
import { readBlob } from '../../services/notes/attachments'
import { readableNote } from '../../services/notes/note-reading'
import { getClinicSettings } from '../../services/settings'
import type { HandlersOf } from './types'

// Audit summaries name documents and notes by number, never their advice or the client.
export const aftercareHandlers: HandlersOf<
  'exercises.' | 'aftercare.' | 'documents.' | 'letters.'
> = {
  'exercises.list': ({ db }, { includeInactive }) => listExercises(db, includeInactive),

  'exercises.save': async (ctx, input) => {
    const saved = await saveExercise(ctx.db, ctx.core.attachmentsDir, input, ctx.now)
    await ctx.audit({
      action: input.id ? 'exercise.update' : 'exercise.create',
      entityType: 'exercise',
      entityId: saved.id,
      summary: `${input.id ? 'Changed' : 'Added'} the exercise “${saved.name}”`,
    })
    return saved
  },

  'aftercare.sheet': async (ctx, { noteId, exerciseIds }) => {
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
    await ctx.audit({
      action: 'document.create',
      entityType: 'client',
      entityId: note.clientId,
      summary: `Made aftercare sheet #${documentId} from treatment note #${noteId}`,
    })
    return { filename, base64: Buffer.from(bytes).toString('base64'), documentId }
  },

  'letters.templates': ({ db }, { includeInactive }) => listLetterTemplates(db, includeInactive),

  'letters.saveTemplate': async (ctx, input) => {
    const saved = await saveLetterTemplate(ctx.db, input, ctx.now)
    await ctx.audit({
      action: input.id ? 'letter-template.update' : 'letter-template.create',
      entityType: 'letter_template',
      entityId: saved.id,
      summary: `${input.id ? 'Changed' : 'Added'} the letter template “${saved.name}”`,
    })
    return saved
  },

  'letters.make': async (ctx, { noteId, templateId }) => {
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
    await ctx.audit({
      action: 'document.create',
      entityType: 'client',
      entityId: note.clientId,
      summary: `Wrote letter #${documentId} from treatment note #${noteId}`,
    })
    return { filename, base64: Buffer.from(bytes).toString('base64'), documentId }
  },

  'documents.list': ({ db }, { clientId }) => listClientDocuments(db, clientId),

  'documents.get': async (ctx, { id }) => {
    const row = await ctx.db
      .selectFrom('client_documents')
      .select(['client_id', 'filename', 'sha256'])
      .where('id', '=', id)
      .executeTakeFirst()
    if (!row) throw new DomainError('not_found', 'No such document.')
    const data = readBlob(ctx.core.attachmentsDir, row.sha256)
    await ctx.audit({
      action: 'document.open',
      entityType: 'client',
      entityId: row.client_id,
      summary: `Opened document #${id}`,
    })
    return { filename: row.filename, base64: data.toString('base64') }
  },
}
