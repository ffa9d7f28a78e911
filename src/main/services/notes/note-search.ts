import { sql, type Kysely } from 'kysely'
import type { NoteContent } from '../../../shared/contract/notes'
import type { DB } from '../../db/schema'

// notes_search is an FTS5 table (migration 0300), rowid = notes.id, kept in step here on
// every save and addendum. SQLite-only SQL stays in this file.

export function searchableText(
  content: NoteContent,
  fields: { id: string; label: string }[],
  addenda: string[] = [],
): string {
  return [
    ...fields.map((f) => content.sections[f.id] ?? ''),
    content.areas,
    content.techniques.join(' '),
    content.pressure,
    content.response,
    content.aftercare,
    content.homeExercises,
    content.nextSession,
    ...addenda,
  ]
    .filter((t) => t.trim() !== '')
    .join('\n')
}

export async function indexNote(
  db: Kysely<DB>,
  noteId: number,
  clientId: number,
  body: string,
): Promise<void> {
  await sql`DELETE FROM notes_search WHERE rowid = ${noteId}`.execute(db)
  await sql`INSERT INTO notes_search (rowid, body, client) VALUES (${noteId}, ${body}, ${clientToken(clientId)})`.execute(
    db,
  )
}

export async function unindexNotes(db: Kysely<DB>, noteIds: number[]): Promise<void> {
  if (noteIds.length === 0) return
  await sql`DELETE FROM notes_search WHERE rowid IN (${sql.join(noteIds)})`.execute(db)
}

/**
 * Removes erased notes from the index for good. An FTS5 delete only writes a tombstone: the
 * words stay readable in the older index segments until they are merged, so an erasure
 * (retention, GDPR) also rewrites the index into one segment ('optimize',
 * https://sqlite.org/fts5.html#the_optimize_command). That rewrites the whole index, which
 * is fine for an owner's rare erasure and wrong for an everyday save, so only erasures call it.
 */
export async function eraseNotesFromSearch(db: Kysely<DB>, noteIds: number[]): Promise<void> {
  if (noteIds.length === 0) return
  await unindexNotes(db, noteIds)
  await sql`INSERT INTO notes_search (notes_search) VALUES ('optimize')`.execute(db)
}

/** A merge moved these notes to another client: their words now answer that client's search. */
export async function moveNotesInSearch(
  db: Kysely<DB>,
  noteIds: number[],
  clientId: number,
): Promise<void> {
  if (noteIds.length === 0) return
  await sql`UPDATE notes_search SET client = ${clientToken(clientId)}
            WHERE rowid IN (${sql.join(noteIds)})`.execute(db)
}

export const clientToken = (clientId: number) => `c${clientId}`

/**
 * Words typed become prefix terms in the body ("hamstr" finds "hamstring"), ANDed with the
 * client's token; quotes keep FTS syntax out of what was typed.
 */
function ftsQuery(query: string, clientId: number): string {
  const words = query
    .split(/\s+/)
    .map((w) => w.replace(/"/g, ''))
    .filter((w) => w !== '')
  if (words.length === 0) return ''
  return [`client : ${clientToken(clientId)}`, ...words.map((w) => `body : "${w}"*`)].join(' AND ')
}

/**
 * Bounded by the client's token in the index itself: filtering an UNINDEXED client_id
 * column (150 ms median) or `rowid IN (the client's notes)` (850 ms) both ranked every
 * match in 300,000 notes first.
 */
export async function searchClientNotes(
  db: Kysely<DB>,
  clientId: number,
  query: string,
): Promise<{ id: number; snippet: string }[]> {
  const match = ftsQuery(query, clientId)
  if (match === '') return []
  const rows = await sql<{ id: number; snippet: string }>`
    SELECT rowid AS id, snippet(notes_search, 0, '[', ']', '…', 12) AS snippet
    FROM notes_search
    WHERE notes_search MATCH ${match}
    ORDER BY rank LIMIT 50`.execute(db)
  return rows.rows
}
