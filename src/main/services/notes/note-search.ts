import type { Kysely } from 'kysely'
import type { NoteContent } from '../../../shared/contract/notes'
import {
  allNoteTexts,
  compactNotesIndex,
  matchNoteTexts,
  moveNoteTexts,
  putNoteText,
  removeNoteTexts,
  setNoteText,
} from '../../db/fts/notes-index'
import type { DB } from '../../db/schema'
import { foldText } from '../clients/normalise'

// What a note's search text is and how a search is read. The index itself (an FTS5 table,
// rowid = notes.id) is kept in step through db/fts/notes-index.ts on every save and addendum.

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

/**
 * The text as typed, then the folded form of each word folding changes ("łydki" -> "lydki",
 * "Søren" -> "soren"): FTS5's unicode61 tokenizer strips accents but leaves ł, ø, ß, æ, þ,
 * ı, đ, œ alone, so "lydki" never found "Ból łydki". The query is folded the same way
 * (clients/normalise.ts foldText). Idempotent: a word already present is not added again.
 */
export function withFoldedWords(text: string): string {
  const words = text.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '')
  const present = new Set(words.map((w) => w.toLowerCase()))
  const extra = new Set<string>()
  for (const word of words) {
    for (const folded of foldText(word).split(/[^a-z0-9]+/)) {
      if (folded !== '' && !present.has(folded)) extra.add(folded)
    }
  }
  return extra.size > 0 ? `${text}\n${[...extra].join(' ')}` : text
}

export async function indexNote(
  db: Kysely<DB>,
  noteId: number,
  clientId: number,
  body: string,
): Promise<void> {
  await putNoteText(db, noteId, clientId, withFoldedWords(body))
}

/** Bump when withFoldedWords changes: every note's index entry is rebuilt on the next open. */
export const NOTES_SEARCH_VERSION = 1

/**
 * Adds the folded words to notes indexed before they were (search_versions.notes missing or
 * older), from the index's own stored text, so a note written before this change is found by
 * "lydki" too. One transaction at open; a no-op when current. Returns how many were rebuilt.
 */
export async function refreshNoteSearch(db: Kysely<DB>, now: Date): Promise<number | null> {
  const row = await db
    .selectFrom('search_versions')
    .select('version')
    .where('name', '=', 'notes')
    .executeTakeFirst()
  if (row && row.version >= NOTES_SEARCH_VERSION) return null
  return db.transaction().execute(async (trx) => {
    const rows = await allNoteTexts(trx)
    let rebuilt = 0
    for (const { id, body } of rows) {
      const next = withFoldedWords(body)
      if (next === body) continue
      await setNoteText(trx, id, next)
      rebuilt++
    }
    await trx
      .insertInto('search_versions')
      .values({ name: 'notes', version: NOTES_SEARCH_VERSION, rebuilt_at: now.toISOString() })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({
          version: NOTES_SEARCH_VERSION,
          rebuilt_at: now.toISOString(),
        }),
      )
      .execute()
    return rebuilt
  })
}

export async function unindexNotes(db: Kysely<DB>, noteIds: number[]): Promise<void> {
  await removeNoteTexts(db, noteIds)
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
  await compactNotesIndex(db)
}

/** A merge moved these notes to another client: their words now answer that client's search. */
export async function moveNotesInSearch(
  db: Kysely<DB>,
  noteIds: number[],
  clientId: number,
): Promise<void> {
  await moveNoteTexts(db, noteIds, clientId)
}

/**
 * Words typed become prefix terms ("hamstr" finds "hamstring"), all of which must match in
 * one client's notes, folded as the index's extra words are: "łydki" and "lydki" both find
 * "Ból łydki". Returns at most 50, best first, each with a snippet.
 */
export async function searchClientNotes(
  db: Kysely<DB>,
  clientId: number,
  query: string,
): Promise<{ id: number; snippet: string }[]> {
  const terms = query
    .split(/\s+/)
    .flatMap((w) => foldText(w.replace(/"/g, '')).split(/[^a-z0-9]+/))
    .filter((w) => w !== '')
  return matchNoteTexts(db, clientId, terms)
}
