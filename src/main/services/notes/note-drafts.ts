import type { Kysely } from 'kysely'
import type { NoteContent } from '../../../shared/contract/notes'
import type { TemplateField } from '../../../shared/notes/default-templates'
import type { DB } from '../../db/schema'
import { unreferencedAttachments } from '../../db/attachment-references'
import type { Actor } from '../actor'
import { DomainError } from '../domain-error'
import { formatDate, utcToZoned } from '../diary/clinic-clock'
import { clinicTimeZone } from '../settings'
import { indexNote, searchableText, unindexNotes } from './note-search'
import {
  addendaOf,
  clientName,
  contentOf,
  requireNote,
  therapistOfUser,
  type NoteRow,
} from './note-record'
import { requireTemplate } from './templates'

// Writing a note: start, autosave a draft, sign, discard, and addenda once signed. Every
// write is the author's own and checks the revision the author's screen was showing.

/**
 * Starts a note for a client (and an appointment). An appointment has at most one note:
 * "Write note" again reopens it, so a therapist continues where they stopped.
 */
export async function startNote(
  db: Kysely<DB>,
  session: Actor,
  input: { clientId: number; appointmentId?: number | undefined; templateId: number },
  now: Date,
): Promise<{ row: NoteRow; created: boolean }> {
  let sessionAt = now.toISOString()
  let therapistId: number | null = await therapistOfUser(db, session.userId)
  if (input.appointmentId !== undefined) {
    const existing = await db
      .selectFrom('notes')
      .selectAll()
      .where('appointment_id', '=', input.appointmentId)
      .executeTakeFirst()
    if (existing) return { row: existing, created: false }
    const appt = await db
      .selectFrom('appointments')
      .select(['client_id', 'therapist_id', 'starts_at', 'status'])
      .where('id', '=', input.appointmentId)
      .executeTakeFirst()
    if (!appt) throw new DomainError('not_found', 'That appointment no longer exists.')
    if (appt.client_id !== input.clientId) {
      throw new DomainError('rule_broken', 'That appointment is for another client.')
    }
    if (appt.status === 'cancelled' || appt.status === 'no_show') {
      throw new DomainError('rule_broken', 'A cancelled or missed appointment has no note.')
    }
    // A note records a treatment given: not for a visit on a later day (the wrong row).
    const tz = await clinicTimeZone(db)
    const visitDay = utcToZoned(Date.parse(appt.starts_at), tz).date
    if (visitDay > utcToZoned(now.getTime(), tz).date) {
      throw new DomainError(
        'rule_broken',
        `This appointment is on ${formatDate(visitDay, true)}: write its note on the day of the treatment.`,
      )
    }
    sessionAt = appt.starts_at
    therapistId = appt.therapist_id
  }
  await clientName(db, input.clientId)
  const template = await requireTemplate(db, input.templateId)
  if (!template.active) {
    throw new DomainError(
      'rule_broken',
      `The “${template.name}” template is retired; choose another for new notes.`,
    )
  }
  const row = await db
    .insertInto('notes')
    .values({
      client_id: input.clientId,
      appointment_id: input.appointmentId ?? null,
      therapist_id: therapistId,
      author_user_id: session.userId,
      author_name: session.displayName,
      template_id: template.id,
      template_name: template.name,
      template_fields: JSON.stringify(template.fields),
      session_at: sessionAt,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      pain_before: null,
      pain_after: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return { row, created: true }
}

/** The typed refusal of a save made from a screen showing an older revision. */
export function staleNote(): DomainError {
  return new DomainError(
    'conflict',
    'This note was changed elsewhere (on another screen or desk) since this screen loaded it, so these changes were not saved. Your typing is still on screen.',
  )
}

function assertDraft(row: NoteRow): void {
  if (row.signed_at !== null) {
    throw new DomainError(
      'conflict',
      'This note is signed and cannot be changed. Add an addendum to correct it.',
    )
  }
}

/**
 * Saves the author's draft over the revision it was based on. `baseRevision` is the note's
 * `revision` the editor loaded (or last saved); when the note has moved on since (saved from
 * another screen or desk), the save is refused with a 'conflict' and nothing is written, so
 * a stale screen can never put its older text over newer work.
 */
export async function saveDraft(
  db: Kysely<DB>,
  session: Actor,
  id: number,
  baseRevision: number,
  content: NoteContent,
  now: Date,
): Promise<{ id: number; revision: number; updatedAt: string }> {
  const row = await db
    .selectFrom('notes')
    .select(['author_user_id', 'signed_at', 'client_id', 'template_fields', 'revision'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw new DomainError('not_found', 'That note no longer exists.')
  if (row.author_user_id !== session.userId) {
    throw new DomainError('forbidden', 'Only the person who started this note can change it.')
  }
  if (row.signed_at !== null) {
    throw new DomainError(
      'conflict',
      'This note is signed and cannot be changed. Add an addendum to correct it.',
    )
  }
  if (row.revision !== baseRevision) throw staleNote()
  const fields = JSON.parse(row.template_fields) as TemplateField[]
  // Keep only the template's sections: a stale editor cannot add fields the note lacks.
  const sections = Object.fromEntries(fields.map((f) => [f.id, content.sections[f.id] ?? '']))
  const updatedAt = now.toISOString()
  const revision = row.revision + 1
  await db
    .updateTable('notes')
    .set({
      sections: JSON.stringify(sections),
      pain_before: content.painBefore,
      pain_after: content.painAfter,
      areas: content.areas,
      techniques: JSON.stringify(content.techniques),
      pressure: content.pressure,
      response: content.response,
      aftercare: content.aftercare,
      home_exercises: content.homeExercises,
      next_session: content.nextSession,
      body_marks: JSON.stringify(content.bodyMarks),
      revision,
      updated_at: updatedAt,
    })
    .where('id', '=', id)
    .where('revision', '=', baseRevision)
    .execute()
  await indexNote(db, id, row.client_id, searchableText({ ...content, sections }, fields))
  return { id, revision, updatedAt }
}

/**
 * Signs the author's draft. With `baseRevision` (the revision on the signer's screen), a
 * note saved elsewhere since is refused ('conflict'): nobody signs a version they have not
 * seen.
 */
export async function signNote(
  db: Kysely<DB>,
  session: Actor,
  id: number,
  now: Date,
  baseRevision?: number,
): Promise<NoteRow> {
  const row = await requireNote(db, id)
  if (row.author_user_id !== session.userId) {
    throw new DomainError('forbidden', 'Only the note’s author can sign it.')
  }
  assertDraft(row)
  if (baseRevision !== undefined && row.revision !== baseRevision) throw staleNote()
  const content = contentOf(row)
  const filled = Object.values(content.sections).some((t) => t.trim() !== '')
  if (!filled && content.bodyMarks.length === 0 && content.painBefore === null) {
    throw new DomainError('rule_broken', 'This note is empty. Write something before signing it.')
  }
  await db
    .updateTable('notes')
    .set({
      signed_at: now.toISOString(),
      signed_by: session.userId,
      signed_by_name: session.displayName,
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute()
  return requireNote(db, id)
}

/**
 * Deletes the author's unsigned draft. Returns the attachment files no other note uses, for
 * the caller to remove once the transaction has committed: a discarded draft leaves no
 * client photo behind.
 */
export async function discardDraft(
  db: Kysely<DB>,
  session: Actor,
  id: number,
): Promise<{ row: NoteRow; unusedFiles: string[] }> {
  const row = await requireNote(db, id)
  if (row.author_user_id !== session.userId) {
    throw new DomainError('forbidden', 'Only the person who started this note can discard it.')
  }
  assertDraft(row)
  const attached = await db
    .selectFrom('note_attachments')
    .select('sha256')
    .distinct()
    .where('note_id', '=', id)
    .execute()
  await db.deleteFrom('note_attachments').where('note_id', '=', id).execute()
  await db.deleteFrom('notes').where('id', '=', id).execute()
  await unindexNotes(db, [id])
  const unusedFiles = await unreferencedAttachments(
    db,
    attached.map((a) => a.sha256),
  )
  return { row, unusedFiles }
}

export async function addAddendum(
  db: Kysely<DB>,
  session: Actor,
  noteId: number,
  body: string,
  now: Date,
): Promise<void> {
  const row = await requireNote(db, noteId)
  if (row.signed_at === null) {
    throw new DomainError(
      'rule_broken',
      'This note is still a draft: change it directly, addenda are for signed notes.',
    )
  }
  await db
    .insertInto('note_addenda')
    .values({
      note_id: noteId,
      body,
      author_user_id: session.userId,
      author_name: session.displayName,
      signed_at: now.toISOString(),
    })
    .execute()
  const addenda = await addendaOf(db, noteId)
  const fields = JSON.parse(row.template_fields) as TemplateField[]
  await indexNote(
    db,
    noteId,
    row.client_id,
    searchableText(
      contentOf(row),
      fields,
      addenda.map((a) => a.body),
    ),
  )
}
