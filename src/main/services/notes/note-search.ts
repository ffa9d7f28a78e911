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
  await sql`INSERT INTO notes_search (rowid, body, client_id) VALUES (${noteId}, ${body}, ${clientId})`.execute(
    db,
  )
}

export async function unindexNote(db: Kysely<DB>, noteId: number): Promise<void> {
  await sql`DELETE FROM notes_search WHERE rowid = ${noteId}`.execute(db)
}

/** Words typed become prefix terms ("hamstr" finds "hamstring"); quotes keep FTS syntax out. */
function ftsQuery(query: string): string {
  return query
    .split(/\s+/)
    .map((w) => w.replace(/"/g, ''))
    .filter((w) => w !== '')
    .map((w) => `"${w}"*`)
    .join(' ')
}

/**
 * The client's own note ids bound the search: FTS5 seeks each rowid in the term's doclist,
 * so a common word across 300,000 notes costs what the client's 200 notes cost (filtering
 * on the UNINDEXED client_id column instead scanned every match: 150 ms median).
 */
export async function searchClientNotes(
  db: Kysely<DB>,
  clientId: number,
  query: string,
): Promise<{ id: number; snippet: string }[]> {
  const match = ftsQuery(query)
  if (match === '') return []
  const rows = await sql<{ id: number; snippet: string }>`
    SELECT rowid AS id, snippet(notes_search, 0, '[', ']', '…', 12) AS snippet
    FROM notes_search
    WHERE notes_search MATCH ${match}
      AND rowid IN (SELECT id FROM notes WHERE client_id = ${clientId})
    ORDER BY rank LIMIT 50`.execute(db)
  return rows.rows
}
