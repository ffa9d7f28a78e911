import { getSecuritySettings } from '../../services/auth/security-settings'
import { DomainError } from '../../services/domain-error'
import { addAttachment, readBlob, requireAttachment } from '../../services/notes/attachments'
import { assertCanRead } from '../../services/notes/note-access'
import { removeAttachmentFiles } from '../../services/notes/note-erasure'
import { notesPdf } from '../../services/notes/note-pdf'
import {
  addAddendum,
  discardDraft,
  fullNote,
  listForClient,
  noteForAppointment,
  progressOf,
  requireNote,
  saveDraft,
  signNote,
  startNote,
  unsignedNotes,
} from '../../services/notes/note-record'
import { searchClientNotes } from '../../services/notes/note-search'
import { deleteTemplate, listTemplates, saveTemplate } from '../../services/notes/templates'
import { getClinicSettings } from '../../services/settings'
import type { HandlerContext, Session } from '../context'
import type { HandlersOf } from './types'

function signedIn(session: Session | null): Session {
  if (!session) throw new DomainError('forbidden', 'Please sign in to continue.')
  return session
}

const authorOnly = async (ctx: HandlerContext) =>
  (await getSecuritySettings(ctx.db)).notesAuthorOnly

/** Reads a whole note after checking the caller may, and writes the opening to the audit log. */
async function openNote(ctx: HandlerContext, id: number, why = 'Opened') {
  const row = await requireNote(ctx.db, id)
  assertCanRead(ctx.session, row.author_user_id, await authorOnly(ctx))
  // Summaries name the action and the note, never what is in it.
  await ctx.audit({
    action: 'note.open',
    entityType: 'client',
    entityId: row.client_id,
    summary: `${why} treatment note #${id}`,
  })
  return fullNote(ctx.db, row, ctx.session)
}

/** Author-only edits still answer with the whole note, without a second audit line. */
async function reread(ctx: HandlerContext, id: number) {
  return fullNote(ctx.db, await requireNote(ctx.db, id), ctx.session)
}

export const notesHandlers: HandlersOf<'notes.'> = {
  'notes.templates': ({ db }, { includeInactive }) => listTemplates(db, includeInactive),

  'notes.saveTemplate': async (ctx, input) => {
    const template = await saveTemplate(ctx.db, input, ctx.now)
    await ctx.audit({
      action: input.id ? 'note-template.update' : 'note-template.create',
      entityType: 'note_template',
      entityId: template.id,
      summary: `${input.id ? 'Changed' : 'Added'} the note template “${template.name}”`,
    })
    return template
  },

  'notes.deleteTemplate': async (ctx, { id }) => {
    const { template, outcome } = await deleteTemplate(ctx.db, id, ctx.now)
    await ctx.audit({
      action: outcome === 'deleted' ? 'note-template.delete' : 'note-template.retire',
      entityType: 'note_template',
      entityId: id,
      summary:
        outcome === 'deleted'
          ? `Deleted the note template “${template.name}”`
          : `Retired the note template “${template.name}” (notes were written on it)`,
    })
    return { outcome }
  },

  'notes.listForClient': async (ctx, { clientId }) => {
    const notes = await listForClient(ctx.db, ctx.session, clientId, await authorOnly(ctx))
    const readable = notes.filter((n) => n.readable).length
    if (readable > 0) {
      await ctx.audit({
        action: 'note.open',
        entityType: 'client',
        entityId: clientId,
        summary: `Listed ${readable} treatment note${readable === 1 ? '' : 's'} with pain scores and body charts`,
      })
    }
    return notes
  },

  'notes.forAppointment': ({ db }, { appointmentId }) => noteForAppointment(db, appointmentId),

  'notes.get': (ctx, { id }) => openNote(ctx, id),

  'notes.start': async (ctx, input) => {
    const session = signedIn(ctx.session)
    const { row, created } = await startNote(ctx.db, session, input, ctx.now)
    if (created) {
      await ctx.audit({
        action: 'note.start',
        entityType: 'client',
        entityId: row.client_id,
        summary: `Started treatment note #${row.id} (${row.template_name})`,
      })
      return reread(ctx, row.id)
    }
    return openNote(ctx, row.id, 'Reopened')
  },

  // Autosave runs every few seconds while a therapist types: no audit line per keystroke
  // batch; starting, signing and discarding are audited.
  'notes.saveDraft': (ctx, { id, baseRevision, content }) =>
    saveDraft(ctx.db, signedIn(ctx.session), id, baseRevision, content, ctx.now),

  'notes.sign': async (ctx, { id, baseRevision }) => {
    const row = await signNote(ctx.db, signedIn(ctx.session), id, ctx.now, baseRevision)
    await ctx.audit({
      action: 'note.sign',
      entityType: 'client',
      entityId: row.client_id,
      summary: `Signed treatment note #${id}`,
    })
    return reread(ctx, id)
  },

  'notes.discardDraft': async (ctx, { id }) => {
    const { row, unusedFiles } = await discardDraft(ctx.db, signedIn(ctx.session), id)
    ctx.afterCommit(() => removeAttachmentFiles(ctx.core.attachmentsDir, unusedFiles))
    await ctx.audit({
      action: 'note.discard',
      entityType: 'client',
      entityId: row.client_id,
      summary: `Discarded draft treatment note #${id}`,
    })
    return { ok: true as const }
  },

  'notes.addAddendum': async (ctx, { noteId, body }) => {
    const row = await requireNote(ctx.db, noteId)
    assertCanRead(ctx.session, row.author_user_id, await authorOnly(ctx))
    await addAddendum(ctx.db, signedIn(ctx.session), noteId, body, ctx.now)
    await ctx.audit({
      action: 'note.addendum',
      entityType: 'client',
      entityId: row.client_id,
      summary: `Added a signed addendum to treatment note #${noteId}`,
    })
    return reread(ctx, noteId)
  },

  'notes.unsigned': async (ctx) => {
    const settings = await getClinicSettings(ctx.db)
    return unsignedNotes(ctx.db, signedIn(ctx.session), ctx.now, settings.timeZone)
  },

  'notes.search': async (ctx, { clientId, query }) => {
    const only = await authorOnly(ctx)
    const hits = await searchClientNotes(ctx.db, clientId, query)
    if (hits.length === 0) return []
    const rows = await ctx.db
      .selectFrom('notes')
      .select(['id', 'session_at', 'author_user_id'])
      .where(
        'id',
        'in',
        hits.map((h) => h.id),
      )
      .execute()
    const byId = new Map(rows.map((r) => [r.id, r]))
    const visible = hits.flatMap((h) => {
      const r = byId.get(h.id)
      if (!r) return []
      try {
        assertCanRead(ctx.session, r.author_user_id, only)
      } catch {
        return []
      }
      return [{ id: h.id, sessionAt: r.session_at, snippet: h.snippet }]
    })
    await ctx.audit({
      action: 'note.open',
      entityType: 'client',
      entityId: clientId,
      summary: `Searched the treatment notes (${visible.length} found)`,
    })
    return visible
  },

  'notes.progress': async (ctx, { clientId }) => {
    const points = await progressOf(ctx.db, ctx.session, clientId, await authorOnly(ctx))
    await ctx.audit({
      action: 'note.open',
      entityType: 'client',
      entityId: clientId,
      summary: `Viewed progress over ${points.length} treatment notes`,
    })
    return points
  },

  'notes.exportPdf': async (ctx, input) => {
    const session = signedIn(ctx.session)
    const only = await authorOnly(ctx)
    let ids: number[]
    if ('noteId' in input) ids = [input.noteId]
    else {
      const rows = await ctx.db
        .selectFrom('notes')
        .select(['id', 'author_user_id'])
        .where('client_id', '=', input.clientId)
        .orderBy('session_at')
        .orderBy('id')
        .execute()
      ids = rows.map((r) => r.id)
      if (ids.length === 0) throw new DomainError('not_found', 'This client has no notes yet.')
    }
    const notes = []
    for (const id of ids) {
      const row = await requireNote(ctx.db, id)
      assertCanRead(session, row.author_user_id, only)
      notes.push(await fullNote(ctx.db, row, session))
    }
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
    await ctx.audit({
      action: 'note.export',
      entityType: 'client',
      entityId: first.clientId,
      summary: `Exported ${notes.length} treatment note${notes.length === 1 ? '' : 's'} to PDF`,
    })
    const slug = first.clientName.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()
    const day = ctx.now.toISOString().slice(0, 10)
    return {
      filename:
        'noteId' in input ? `note-${input.noteId}-${slug}-${day}.pdf` : `notes-${slug}-${day}.pdf`,
      base64: Buffer.from(bytes).toString('base64'),
    }
  },

  // An attachment is part of the note's content: the same readers, and the same audit line.
  'notes.attachment': async (ctx, { id }) => {
    const attachment = await requireAttachment(ctx.db, id)
    const row = await requireNote(ctx.db, attachment.note_id)
    assertCanRead(ctx.session, row.author_user_id, await authorOnly(ctx))
    const data = readBlob(ctx.core.attachmentsDir, attachment.sha256)
    await ctx.audit({
      action: 'note.open',
      entityType: 'client',
      entityId: row.client_id,
      summary: `Opened attachment #${id} of treatment note #${row.id}`,
    })
    return {
      id,
      noteId: row.id,
      filename: attachment.filename,
      mime: attachment.mime,
      size: attachment.size,
      base64: data.toString('base64'),
    }
  },

  'notes.addAttachment': async (ctx, input) => {
    const session = signedIn(ctx.session)
    const row = await requireNote(ctx.db, input.noteId)
    await addAttachment(ctx.db, ctx.core.attachmentsDir, session, input, ctx.now)
    await ctx.audit({
      action: 'note.attach',
      entityType: 'client',
      entityId: row.client_id,
      summary: `Attached a file to treatment note #${input.noteId}`,
    })
    return reread(ctx, input.noteId)
  },
}
