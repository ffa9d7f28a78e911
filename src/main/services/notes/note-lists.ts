import type { Kysely } from 'kysely'
import {
  UNSIGNED_PAGE,
  type BodyMark,
  type NoteSummary,
  type UnsignedPage,
} from '../../../shared/contract/notes'
import { utcToZoned, zonedToUtc } from '../diary/clinic-clock'
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

/**
 * Drafts, a page at a time in session order: a therapist's own; the owner's view lists
 * everyone's. A note is overdue when its session was before the start of today in the
 * clinic's time zone. Served by the partial index notes_unsigned_by_author (0300-notes).
 */
export async function unsignedNotes(
  db: Kysely<DB>,
  session: Actor,
  now: Date,
  timeZone: string,
  page: {
    overdueOnly?: boolean
    ids?: number[] | undefined
    limit?: number
    after?: { sessionAt: string; id: number } | undefined
  } = {},
): Promise<UnsignedPage> {
  const { overdueOnly = false, ids, limit = UNSIGNED_PAGE, after } = page
  const startOfToday = new Date(
    zonedToUtc(utcToZoned(now.getTime(), timeZone).date, 0, timeZone),
  ).toISOString()
  let base = db.selectFrom('notes').where('notes.signed_at', 'is', null)
  if (session.role !== 'owner') base = base.where('notes.author_user_id', '=', session.userId)
  if (ids) base = base.where('notes.id', 'in', ids.length > 0 ? ids : [0])
  const counts = await base
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn
        .count<number>(eb.case().when('notes.session_at', '<', startOfToday).then(1).end())
        .as('overdue'),
    ])
    .executeTakeFirstOrThrow()
  let q = base
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
    .orderBy('notes.session_at')
    .orderBy('notes.id')
    .limit(limit + 1)
  if (overdueOnly) q = q.where('notes.session_at', '<', startOfToday)
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('notes.session_at', '>', after.sessionAt),
        eb.and([eb('notes.session_at', '=', after.sessionAt), eb('notes.id', '>', after.id)]),
      ]),
    )
  }
  const rows = await q.execute()
  const shown = rows.slice(0, limit)
  const last = shown.at(-1)
  return {
    notes: shown.map((r) => ({
      id: r.id,
      clientId: r.client_id,
      clientName: `${r.first_name} ${r.last_name}`,
      sessionAt: r.session_at,
      templateName: r.template_name,
      author: { userId: r.author_user_id, name: r.author_name },
      overdue: r.session_at < startOfToday,
    })),
    total: counts.total,
    overdue: counts.overdue,
    next: rows.length > limit && last ? { sessionAt: last.session_at, id: last.id } : null,
  }
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
