import { sql, type Kysely } from 'kysely'
import type { DB } from '../schema'

// notes_search is an FTS5 table (migration 0300): rowid = notes.id, `body` the note's
// searchable text, `client` a token naming its client ("c42") so a search is bounded by the
// client inside the index itself. Every FTS5-specific statement about notes is here; what
// goes into `body` and how a query is read are services/notes/note-search.ts.

export const clientToken = (clientId: number) => `c${clientId}`

/** Replaces a note's indexed text (a note is indexed again on every save and addendum). */
export async function putNoteText(
  db: Kysely<DB>,
  noteId: number,
  clientId: number,
  body: string,
): Promise<void> {
  await sql`DELETE FROM notes_search WHERE rowid = ${noteId}`.execute(db)
  await sql`INSERT INTO notes_search (rowid, body, client)
            VALUES (${noteId}, ${body}, ${clientToken(clientId)})`.execute(db)
}

export async function removeNoteTexts(db: Kysely<DB>, noteIds: number[]): Promise<void> {
  if (noteIds.length === 0) return
  await sql`DELETE FROM notes_search WHERE rowid IN (${sql.join(noteIds)})`.execute(db)
}

/**
 * Rewrites the index into one segment. An FTS5 delete only writes a tombstone: the words
 * stay readable in older segments until merged ('optimize',
 * https://sqlite.org/fts5.html#the_optimize_command). It rewrites the whole index: for an
 * owner's rare erasure, never for an everyday save.
 */
export async function compactNotesIndex(db: Kysely<DB>): Promise<void> {
  await sql`INSERT INTO notes_search (notes_search) VALUES ('optimize')`.execute(db)
}

/** A merge moved these notes to another client: their words now answer that client's search. */
export async function moveNoteTexts(
  db: Kysely<DB>,
  noteIds: number[],
  clientId: number,
): Promise<void> {
  if (noteIds.length === 0) return
  await sql`UPDATE notes_search SET client = ${clientToken(clientId)}
            WHERE rowid IN (${sql.join(noteIds)})`.execute(db)
}

/** Every indexed text as stored, for rebuilding after the indexing rules change. */
export async function allNoteTexts(db: Kysely<DB>): Promise<{ id: number; body: string }[]> {
  const result = await sql<{
    id: number
    body: string
  }>`SELECT rowid AS id, body FROM notes_search`.execute(db)
  return result.rows
}

export async function setNoteText(db: Kysely<DB>, noteId: number, body: string): Promise<void> {
  await sql`UPDATE notes_search SET body = ${body} WHERE rowid = ${noteId}`.execute(db)
}

/**
 * The best 50 of one client's notes for prefix terms already folded (`['hamstr']` finds
 * "hamstring"), all of which must match, with a snippet marked [like this]. Bounded by the
 * client's token in the index itself: filtering an UNINDEXED client_id column (150 ms
 * median) or `rowid IN (the client's notes)` (850 ms) both ranked every match in 300,000
 * notes first. Terms are quoted, so nothing typed is FTS syntax.
 */
export async function matchNoteTexts(
  db: Kysely<DB>,
  clientId: number,
  terms: string[],
): Promise<{ id: number; snippet: string }[]> {
  if (terms.length === 0) return []
  const match = [
    `client : ${clientToken(clientId)}`,
    ...terms.map((w) => `body : "${w.replaceAll('"', '')}"*`),
  ].join(' AND ')
  const rows = await sql<{ id: number; snippet: string }>`
    SELECT rowid AS id, snippet(notes_search, 0, '[', ']', '…', 12) AS snippet
    FROM notes_search
    WHERE notes_search MATCH ${match}
    ORDER BY rank LIMIT 50`.execute(db)
  return rows.rows
}
