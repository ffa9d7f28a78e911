import { addAttachment, readBlob } from '../../services/notes/attachments'
import { removeAttachmentFiles } from '../../services/notes/note-erasure'
import { notesPdf } from '../../services/notes/note-pdf'
import {
  addAddendum,
  discardDraft,
  saveDraft,
  signNote,
  startNote,
} from '../../services/notes/note-drafts'
import {
  listForClient,
  noteForAppointment,
  progressOf,
  unsignedNotes,
} from '../../services/notes/note-lists'
import {
  notesAuthorOnly,
  notesToExport,
  readableAttachment,
  readableNote,
  requireReadableRow,
  searchReadableNotes,
} from '../../services/notes/note-reading'
import { fullNote, requireNote } from '../../services/notes/note-record'
import { deleteTemplate, listTemplates, saveTemplate } from '../../services/notes/templates'
import { getClinicSettings } from '../../services/settings'
import { audited } from './audited'
import type { SignedInContext } from './types'
import type { HandlersOf } from './types'

/**
 * Reading health data is an event of its own: every method that shows a note's content
 * (a note, a list with pain scores, a search, progress, an attachment) records `notes.opened`,
 * so "who looked at this client's notes" is one filter.
 */
const OPENED = 'notes.opened'

/** Opens a note the caller may read, with the audit entry for the opening. */
async function openNote(ctx: SignedInContext, id: number, why = 'Opened') {
  const { row, note } = await readableNote(ctx.db, ctx.session, id)
  // Summaries name the action and the note, never what is in it.
  return {
    value: note,
    audit: {
      action: OPENED,
      entityType: 'client',
      entityId: row.client_id,
      summary: `${why} treatment note #${id}`,
    },
  }
}

/** Author-only edits still answer with the whole note, without a second audit line. */
async function reread(ctx: SignedInContext, id: number) {
  return fullNote(ctx.db, await requireNote(ctx.db, id), ctx.session)
}

export const notesHandlers: HandlersOf<'notes.'> = {
  'notes.templates': ({ db }, { includeInactive }) => listTemplates(db, includeInactive),

  'notes.saveTemplate': audited(async (ctx, input) => {
    const template = await saveTemplate(ctx.db, input, ctx.now)
    return {
      value: template,
      audit: {
        entityType: 'note_template',
        entityId: template.id,
        summary: `${input.id ? 'Changed' : 'Added'} the note template “${template.name}”`,
      },
    }
  }),

  'notes.deleteTemplate': audited(async (ctx, { id }) => {
    const { template, outcome } = await deleteTemplate(ctx.db, id, ctx.now)
    return {
      value: { outcome },
      audit: {
        entityType: 'note_template',
        entityId: id,
        summary:
          outcome === 'deleted'
            ? `Deleted the note template “${template.name}”`
            : `Retired the note template “${template.name}” (notes were written on it)`,
      },
    }
  }),

  'notes.listForClient': audited(async (ctx, { clientId }) => {
    const notes = await listForClient(ctx.db, ctx.session, clientId, await notesAuthorOnly(ctx.db))
    const readable = notes.filter((n) => n.readable).length
    return {
      value: notes,
      audit: readable > 0 && {
        action: OPENED,
        entityType: 'client',
        entityId: clientId,
        summary: `Listed ${readable} treatment note${readable === 1 ? '' : 's'} with pain scores and body charts`,
      },
    }
  }),

  'notes.forAppointment': ({ db }, { appointmentId }) => noteForAppointment(db, appointmentId),

  'notes.get': audited((ctx, { id }) => openNote(ctx, id)),

  'notes.start': audited(async (ctx, input) => {
    const { row, created } = await startNote(ctx.db, ctx.session, input, ctx.now)
    if (!created) return openNote(ctx, row.id, 'Reopened')
    return {
      value: await reread(ctx, row.id),
      audit: {
        entityType: 'client',
        entityId: row.client_id,
        summary: `Started treatment note #${row.id} (${row.template_name})`,
      },
    }
  }),

  // Autosave runs every few seconds while a therapist types: no audit line per keystroke
  // batch; starting, signing and discarding are audited.
  'notes.saveDraft': (ctx, { id, baseRevision, content }) =>
    saveDraft(ctx.db, ctx.session, id, baseRevision, content, ctx.now),

  'notes.sign': audited(async (ctx, { id, baseRevision }) => {
    const row = await signNote(ctx.db, ctx.session, id, ctx.now, baseRevision)
    return {
      value: await reread(ctx, id),
      audit: {
        entityType: 'client',
        entityId: row.client_id,
        summary: `Signed treatment note #${id}`,
      },
    }
  }),

  'notes.discardDraft': audited(async (ctx, { id }) => {
    const { row, unusedFiles } = await discardDraft(ctx.db, ctx.session, id)
    ctx.afterCommit(() => removeAttachmentFiles(ctx.core.attachmentsDir, unusedFiles))
    return {
      value: { ok: true as const },
      audit: {
        entityType: 'client',
        entityId: row.client_id,
        summary: `Discarded draft treatment note #${id}`,
      },
    }
  }),

  'notes.addAddendum': audited(async (ctx, { noteId, body }) => {
    const row = await requireReadableRow(ctx.db, ctx.session, noteId)
    await addAddendum(ctx.db, ctx.session, noteId, body, ctx.now)
    return {
      value: await reread(ctx, noteId),
      audit: {
        entityType: 'client',
        entityId: row.client_id,
        summary: `Added a signed addendum to treatment note #${noteId}`,
      },
    }
  }),

  'notes.unsigned': async (ctx, page) => {
    const settings = await getClinicSettings(ctx.db)
    return unsignedNotes(ctx.db, ctx.session, ctx.now, settings.timeZone, page)
  },

  'notes.search': audited(async (ctx, { clientId, query }) => {
    const visible = await searchReadableNotes(ctx.db, ctx.session, clientId, query)
    return {
      value: visible,
      // Every search of a client's notes is audited, a fruitless one too: it is still a look.
      audit: {
        action: OPENED,
        entityType: 'client',
        entityId: clientId,
        summary: `Searched the treatment notes (${visible.length} found)`,
      },
    }
  }),

  'notes.progress': audited(async (ctx, { clientId }) => {
    const points = await progressOf(ctx.db, ctx.session, clientId, await notesAuthorOnly(ctx.db))
    return {
      value: points,
      audit: {
        action: OPENED,
        entityType: 'client',
        entityId: clientId,
        summary: `Viewed progress over ${points.length} treatment notes`,
      },
    }
  }),

  'notes.exportPdf': audited(async (ctx, input) => {
    const session = ctx.session
    const notes = await notesToExport(ctx.db, session, input)
    const clinic = await getClinicSettings(ctx.db)
    // A missing or altered file is named in the PDF, not a reason to refuse the whole export.
    const bytes = await notesPdf(notes, clinic, session.displayName, ctx.now, (a) => {
      try {
        return { data: readBlob(ctx.core.attachmentsDir, a.sha256) }
      } catch (e) {
        return { error: e instanceof Error ? e.message : String(e) }
      }
    })
    const first = notes[0]!
    const slug = first.clientName.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()
    const day = ctx.now.toISOString().slice(0, 10)
    return {
      value: {
        filename:
          'noteId' in input
            ? `note-${input.noteId}-${slug}-${day}.pdf`
            : `notes-${slug}-${day}.pdf`,
        base64: Buffer.from(bytes).toString('base64'),
      },
      audit: {
        entityType: 'client',
        entityId: first.clientId,
        summary: `Exported ${notes.length} treatment note${notes.length === 1 ? '' : 's'} to PDF`,
      },
    }
  }),

  // An attachment is part of the note's content: the same readers, and the same audit line.
  'notes.attachment': audited(async (ctx, { id }) => {
    const { row, attachment, data } = await readableAttachment(
      ctx.db,
      ctx.core.attachmentsDir,
      ctx.session,
      id,
    )
    return {
      value: {
        id,
        noteId: row.id,
        filename: attachment.filename,
        mime: attachment.mime,
        size: attachment.size,
        base64: data.toString('base64'),
      },
      audit: {
        action: OPENED,
        entityType: 'client',
        entityId: row.client_id,
        summary: `Opened attachment #${id} of treatment note #${row.id}`,
      },
    }
  }),

  'notes.addAttachment': audited(async (ctx, input) => {
    const session = ctx.session
    const row = await requireNote(ctx.db, input.noteId)
    await addAttachment(ctx.db, ctx.core.attachmentsDir, session, input, ctx.now)
    return {
      value: await reread(ctx, input.noteId),
      audit: {
        entityType: 'client',
        entityId: row.client_id,
        summary: `Attached a file to treatment note #${input.noteId}`,
      },
    }
  }),
}
