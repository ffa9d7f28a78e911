import { rmSync } from 'node:fs'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import { unreferencedAttachments } from '../../db/attachment-references'
import { blobPath } from './attachments'
import { eraseNotesFromSearch } from './note-search'

/**
 * What anonymising empties in a note, and the empty value each column gets. The signed-note
 * trigger (migration 0600, frozen) lets a signed note change only to exactly these values,
 * so a change here needs a new migration for that trigger too.
 */
export const ERASED_NOTE_TEXT = {
  sections: '{}',
  areas: '',
  pressure: '',
  response: '',
  aftercare: '',
  home_exercises: '',
  next_session: '',
  body_marks: '[]',
} as const

/**
 * Anonymising a client (retention) removes the clinical text of their notes, signed or
 * not: the sections, free-text fields, body chart, addenda and attachments. What stays is
 * the shape used for the clinic's figures: date, therapist, template, techniques and pain
 * scores, none of which says who the client was. Migration 0600 lets a signed note change
 * only this way, and only once the client is marked anonymised, so call this after that.
 *
 * Returns the attachment files nothing names any more (no note, exercise picture or kept
 * document: attachment-references.ts), for the caller to remove
 * once the transaction has committed.
 */
export async function eraseClientNotes(
  db: Kysely<DB>,
  clientId: number,
  now: Date,
): Promise<string[]> {
  const notes = await db
    .selectFrom('notes')
    .select('id')
    .where('client_id', '=', clientId)
    .execute()
  const noteIds = notes.map((n) => n.id)
  if (noteIds.length === 0) return []

  await db
    .updateTable('notes')
    .set({ ...ERASED_NOTE_TEXT, updated_at: now.toISOString() })
    .where('id', 'in', noteIds)
    .execute()
  await db.updateTable('note_addenda').set({ body: '' }).where('note_id', 'in', noteIds).execute()
  await eraseNotesFromSearch(db, noteIds)

  const attached = await db
    .selectFrom('note_attachments')
    .select('sha256')
    .distinct()
    .where('note_id', 'in', noteIds)
    .execute()
  await db.deleteFrom('note_attachments').where('note_id', 'in', noteIds).execute()
  return unreferencedAttachments(
    db,
    attached.map((a) => a.sha256),
  )
}

/** Removes attachment files by hash; one already gone is not an error. */
export function removeAttachmentFiles(dir: string, hashes: string[]): void {
  for (const sha256 of hashes) rmSync(blobPath(dir, sha256), { force: true })
}
