import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'
import type { Kysely, Selectable } from 'kysely'
import type {
  Addendum,
  Attachment,
  BodyMark,
  Note,
  NoteContent,
  NoteSummary,
} from '../../../shared/contract/notes'
import type { TemplateField } from '../../../shared/notes/default-templates'
import type { DB, NotesTable } from '../../db/schema'
import type { Session } from '../../rpc/context'
import { DomainError } from '../domain-error'
import { canReadNote } from './note-access'
import { indexNote, searchableText, unindexNotes } from './note-search'
import { requireTemplate } from './templates'

export type NoteRow = Selectable<NotesTable>

export async function requireNote(db: Kysely<DB>, id: number): Promise<NoteRow> {
  const row = await db.selectFrom('notes').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new DomainError('not_found', 'That note no longer exists.')
  return row
}

export function contentOf(row: NoteRow): NoteContent {
  return {
    sections: JSON.parse(row.sections) as Record<string, string>,
    painBefore: row.pain_before,
    painAfter: row.pain_after,
    areas: row.areas,
    techniques: JSON.parse(row.techniques) as string[],
    pressure: row.pressure,
    response: row.response,
    aftercare: row.aftercare,
    homeExercises: row.home_exercises,
    nextSession: row.next_session,
    bodyMarks: JSON.parse(row.body_marks) as BodyMark[],
  }
}

async function therapistOfUser(db: Kysely<DB>, userId: number): Promise<number | null> {
  const linked = await db
    .selectFrom('therapists')
    .select('id')
    .where('user_id', '=', userId)
    .executeTakeFirst()
  if (linked) return linked.id
  const user = await db
    .selectFrom('users')
    .select('therapist_id')
    .where('id', '=', userId)
    .executeTakeFirst()
  return user?.therapist_id ?? null
}

async function clientName(db: Kysely<DB>, clientId: number): Promise<string> {
  const c = await db
    .selectFrom('clients')
    .select(['first_name', 'last_name'])
    .where('id', '=', clientId)
    .executeTakeFirst()
  if (!c) throw new DomainError('not_found', 'That client no longer exists.')
  return `${c.first_name} ${c.last_name}`
}

async function therapistName(db: Kysely<DB>, id: number | null): Promise<string | null> {
  if (id === null) return null
  const t = await db.selectFrom('therapists').select('name').where('id', '=', id).executeTakeFirst()
  return t?.name ?? null
}

export async function addendaOf(db: Kysely<DB>, noteId: number): Promise<Addendum[]> {
  const rows = await db
    .selectFrom('note_addenda')
    .selectAll()
    .where('note_id', '=', noteId)
    .orderBy('signed_at')
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    body: r.body,
    author: { userId: r.author_user_id, name: r.author_name },
    signedAt: r.signed_at,
  }))
}

export async function attachmentsOf(db: Kysely<DB>, noteId: number): Promise<Attachment[]> {
  const rows = await db
    .selectFrom('note_attachments')
    .selectAll()
    .where('note_id', '=', noteId)
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    filename: r.filename,
    mime: r.mime,
    size: r.size,
    sha256: r.sha256,
    addedAt: r.added_at,
    addedBy: r.added_by_name,
  }))
}

/** The whole note; the caller has already checked the session may read it. */
export async function fullNote(
  db: Kysely<DB>,
  row: NoteRow,
  session: Session | null,
): Promise<Note> {
  return {
    ...contentOf(row),
    id: row.id,
    clientId: row.client_id,
    clientName: await clientName(db, row.client_id),
    appointmentId: row.appointment_id,
    sessionAt: row.session_at,
    template: {
      id: row.template_id,
      name: row.template_name,
      fields: JSON.parse(row.template_fields) as TemplateField[],
    },
    author: { userId: row.author_user_id, name: row.author_name },
    therapistName: await therapistName(db, row.therapist_id),
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    signed:
      row.signed_at === null
        ? null
        : {
            at: row.signed_at,
            by: { userId: row.signed_by ?? row.author_user_id, name: row.signed_by_name ?? '' },
          },
    addenda: await addendaOf(db, row.id),
    attachments: await attachmentsOf(db, row.id),
    editable: row.signed_at === null && session?.userId === row.author_user_id,
  }
}

/**
 * Starts a note for a client (and an appointment). An appointment has at most one note:
 * "Write note" again reopens it, so a therapist continues where they stopped.
 */
export async function startNote(
  db: Kysely<DB>,
  session: Session,
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
  session: Session,
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
  session: Session,
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
  session: Session,
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
  const hashes = attached.map((a) => a.sha256)
  if (hashes.length === 0) return { row, unusedFiles: [] }
  const stillUsed = await db
    .selectFrom('note_attachments')
    .select('sha256')
    .where('sha256', 'in', hashes)
    .execute()
  const used = new Set(stillUsed.map((r) => r.sha256))
  return { row, unusedFiles: hashes.filter((h) => !used.has(h)) }
}

export async function addAddendum(
  db: Kysely<DB>,
  session: Session,
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

function summaryOf(
  row: NoteRow,
  readable: boolean,
  therapist: string | null,
  addendaCount: number,
): NoteSummary {
  const base: NoteSummary = {
    id: row.id,
    clientId: row.client_id,
    appointmentId: row.appointment_id,
    sessionAt: row.session_at,
    templateName: row.template_name,
    author: { userId: row.author_user_id, name: row.author_name },
    therapistName: therapist,
    signedAt: row.signed_at,
    readable,
  }
  if (!readable) return base
  return {
    ...base,
    painBefore: row.pain_before,
    painAfter: row.pain_after,
    bodyMarks: JSON.parse(row.body_marks) as BodyMark[],
    addendaCount,
  }
}

/** A client's notes, newest first; content only where the caller may read it. */
export async function listForClient(
  db: Kysely<DB>,
  session: Session | null,
  clientId: number,
  authorOnly: boolean,
): Promise<NoteSummary[]> {
  const rows = await db
    .selectFrom('notes')
    .leftJoin('therapists', 'therapists.id', 'notes.therapist_id')
    .selectAll('notes')
    .select([
      'therapists.name as therapist',
      (eb) =>
        eb
          .selectFrom('note_addenda')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('note_addenda.note_id', '=', 'notes.id')
          .as('addenda_count'),
    ])
    .where('notes.client_id', '=', clientId)
    .orderBy('notes.session_at', 'desc')
    .orderBy('notes.id', 'desc')
    .execute()
  return rows.map((r) =>
    summaryOf(
      r,
      canReadNote(session, r.author_user_id, authorOnly),
      r.therapist,
      Number(r.addenda_count ?? 0),
    ),
  )
}

export async function noteForAppointment(
  db: Kysely<DB>,
  appointmentId: number,
): Promise<NoteSummary | null> {
  const row = await db
    .selectFrom('notes')
    .leftJoin('therapists', 'therapists.id', 'notes.therapist_id')
    .selectAll('notes')
    .select('therapists.name as therapist')
    .where('notes.appointment_id', '=', appointmentId)
    .executeTakeFirst()
  if (!row) return null
  // The diary needs only whether a note exists and whether it is signed.
  return summaryOf(row, false, row.therapist, 0)
}

function localDay(iso: string, timeZone: string): string {
  return format(new TZDate(iso, timeZone), 'yyyy-MM-dd')
}

/** Drafts: a therapist's own; the owner's view lists everyone's. */
export async function unsignedNotes(
  db: Kysely<DB>,
  session: Session,
  now: Date,
  timeZone: string,
): Promise<
  {
    id: number
    clientId: number
    clientName: string
    sessionAt: string
    templateName: string
    author: { userId: number; name: string }
    overdue: boolean
  }[]
> {
  let q = db
    .selectFrom('notes')
    .innerJoin('clients', 'clients.id', 'notes.client_id')
    .select([
      'notes.id',
      'notes.client_id',
      'notes.session_at',
      'notes.template_name',
      'notes.author_user_id',
      'notes.author_name',
      'clients.first_name',
      'clients.last_name',
    ])
    .where('notes.signed_at', 'is', null)
    .orderBy('notes.session_at')
  if (session.role !== 'owner') q = q.where('notes.author_user_id', '=', session.userId)
  const today = localDay(now.toISOString(), timeZone)
  return (await q.execute()).map((r) => ({
    id: r.id,
    clientId: r.client_id,
    clientName: `${r.first_name} ${r.last_name}`,
    sessionAt: r.session_at,
    templateName: r.template_name,
    author: { userId: r.author_user_id, name: r.author_name },
    overdue: localDay(r.session_at, timeZone) < today,
  }))
}

export async function progressOf(
  db: Kysely<DB>,
  session: Session | null,
  clientId: number,
  authorOnly: boolean,
): Promise<
  {
    id: number
    sessionAt: string
    painBefore: number | null
    painAfter: number | null
    bodyMarks: BodyMark[]
  }[]
> {
  const rows = await db
    .selectFrom('notes')
    .select(['id', 'session_at', 'pain_before', 'pain_after', 'body_marks', 'author_user_id'])
    .where('client_id', '=', clientId)
    .orderBy('session_at')
    .execute()
  return rows
    .filter((r) => canReadNote(session, r.author_user_id, authorOnly))
    .map((r) => ({
      id: r.id,
      sessionAt: r.session_at,
      painBefore: r.pain_before,
      painAfter: r.pain_after,
      bodyMarks: JSON.parse(r.body_marks) as BodyMark[],
    }))
}
