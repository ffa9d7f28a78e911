import type { Kysely, Selectable } from 'kysely'
import type {
  Addendum,
  Attachment,
  BodyMark,
  Note,
  NoteContent,
} from '../../../shared/contract/notes'
import type { TemplateField } from '../../../shared/notes/default-templates'
import type { DB, NotesTable } from '../../db/schema'
import type { Actor } from '../actor'
import { DomainError } from '../domain-error'

// One note as stored and as answered: the row, its content and the whole note with addenda
// and attachments. Writing is in note-drafts.ts, lists in note-lists.ts, the reading rules
// (who may, what is audited) in note-reading.ts.

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

export async function therapistOfUser(db: Kysely<DB>, userId: number): Promise<number | null> {
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

export async function clientName(db: Kysely<DB>, clientId: number): Promise<string> {
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
export async function fullNote(db: Kysely<DB>, row: NoteRow, session: Actor | null): Promise<Note> {
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
