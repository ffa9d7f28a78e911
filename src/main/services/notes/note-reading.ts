import type { Kysely } from 'kysely'
import type { Note } from '../../../shared/contract/notes'
import type { DB } from '../../db/schema'
import type { Actor } from '../actor'
import { getSecuritySettings } from '../auth/security-settings'
import { DomainError } from '../domain-error'
import { readBlob, requireAttachment } from './attachments'
import { assertCanRead, canReadNote } from './note-access'
import { fullNote, requireNote, type NoteRow } from './note-record'
import { searchClientNotes } from './note-search'

// The reading rules for note content, in one place for every way in (open, search, export,
// attachment, addendum): the handlers only map methods here and write the audit line.

/** The owner's "only a note's author may read it" setting (Settings → Security). */
export async function notesAuthorOnly(db: Kysely<DB>): Promise<boolean> {
  return (await getSecuritySettings(db)).notesAuthorOnly
}

/**
 * A note the caller may read, as its row and the whole note.
 * Errors: 'not_found' (no such note), 'forbidden' (canReadNote says no).
 */
export async function readableNote(
  db: Kysely<DB>,
  session: Actor,
  id: number,
): Promise<{ row: NoteRow; note: Note }> {
  const row = await requireReadableRow(db, session, id)
  return { row, note: await fullNote(db, row, session) }
}

/** The row of a note the caller may read; the same errors as readableNote. */
export async function requireReadableRow(
  db: Kysely<DB>,
  session: Actor,
  id: number,
): Promise<NoteRow> {
  const row = await requireNote(db, id)
  assertCanRead(session, row.author_user_id, await notesAuthorOnly(db))
  return row
}

/**
 * Full-text search in one client's notes, keeping only the hits the caller may read (a
 * therapist under "author only" never learns that someone else's note matched).
 */
export async function searchReadableNotes(
  db: Kysely<DB>,
  session: Actor,
  clientId: number,
  query: string,
): Promise<{ id: number; sessionAt: string; snippet: string }[]> {
  const hits = await searchClientNotes(db, clientId, query)
  if (hits.length === 0) return []
  const only = await notesAuthorOnly(db)
  const rows = await db
    .selectFrom('notes')
    .select(['id', 'session_at', 'author_user_id'])
    .where(
      'id',
      'in',
      hits.map((h) => h.id),
    )
    .execute()
  const byId = new Map(rows.map((r) => [r.id, r]))
  return hits.flatMap((h) => {
    const r = byId.get(h.id)
    if (!r || !canReadNote(session, r.author_user_id, only)) return []
    return [{ id: h.id, sessionAt: r.session_at, snippet: h.snippet }]
  })
}

/**
 * The notes a PDF export covers: one note, or all of a client's in session order. Every one
 * must be readable by the caller: an export is refused whole rather than quietly shortened.
 * Errors: 'not_found' (no notes), 'forbidden'.
 */
export async function notesToExport(
  db: Kysely<DB>,
  session: Actor,
  input: { noteId: number } | { clientId: number },
): Promise<Note[]> {
  let ids: number[]
  if ('noteId' in input) ids = [input.noteId]
  else {
    const rows = await db
      .selectFrom('notes')
      .select('id')
      .where('client_id', '=', input.clientId)
      .orderBy('session_at')
      .orderBy('id')
      .execute()
    ids = rows.map((r) => r.id)
    if (ids.length === 0) throw new DomainError('not_found', 'This client has no notes yet.')
  }
  const notes: Note[] = []
  for (const id of ids) notes.push((await readableNote(db, session, id)).note)
  return notes
}

/** An attachment's bytes, under the same reading rule as its note's text. */
export async function readableAttachment(
  db: Kysely<DB>,
  attachmentsDir: string,
  session: Actor,
  id: number,
): Promise<{
  row: NoteRow
  attachment: { filename: string; mime: string; size: number }
  data: Buffer
}> {
  const attachment = await requireAttachment(db, id)
  const row = await requireReadableRow(db, session, attachment.note_id)
  return { row, attachment, data: readBlob(attachmentsDir, attachment.sha256) }
}
