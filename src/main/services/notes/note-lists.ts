import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns/format'
import type { Kysely } from 'kysely'
import type { BodyMark, NoteSummary } from '../../../shared/contract/notes'
import type { DB } from '../../db/schema'
import type { Actor } from '../actor'
import { canReadNote } from './note-access'
import type { NoteRow } from './note-record'

// Notes in lists: a client's notes, the diary's "has a note" mark, the drafts still to sign
// and the pain chart. Content only ever where canReadNote says the caller may read it.

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
  session: Actor | null,
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
  session: Actor,
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
  session: Actor | null,
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
