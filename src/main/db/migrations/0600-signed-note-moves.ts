import { sql, type Kysely } from 'kysely'

/**
 * A signed note stays unalterable, with exactly two exceptions the database itself checks:
 *
 * - a merge of two client records moves the note to the kept record (or the merge's undo
 *   moves it back): only client_id changes, and only between two records one of which is
 *   merged into the other;
 * - anonymising a client (retention, issue 7) erases the note's free text and body chart:
 *   only those columns change, only to empty, and only once the client is anonymised.
 *
 * Everything else still raises. Numbered after every migration that may already have run
 * on a clinic's database (Kysely applies migrations in name order).
 * SQLite-only trigger syntax; a Postgres port would use a plpgsql trigger.
 */

/** Columns a merge must leave as they are (every column but id and client_id). */
const UNMOVED = [
  'appointment_id',
  'therapist_id',
  'author_user_id',
  'author_name',
  'template_id',
  'template_name',
  'template_fields',
  'session_at',
  'sections',
  'pain_before',
  'pain_after',
  'areas',
  'techniques',
  'pressure',
  'response',
  'aftercare',
  'home_exercises',
  'next_session',
  'body_marks',
  'revision',
  'created_at',
  'updated_at',
  'signed_at',
  'signed_by',
  'signed_by_name',
]

/**
 * What anonymising empties, and the empty value it must be set to. Frozen with this
 * migration: the service's copy (services/notes/note-erasure.ts) must set the same values,
 * which the erasure tests check against this trigger.
 */
const ERASED_NOTE_TEXT: Record<string, string> = {
  sections: '{}',
  areas: '',
  pressure: '',
  response: '',
  aftercare: '',
  home_exercises: '',
  next_session: '',
  body_marks: '[]',
}

const unchanged = (columns: string[]) => columns.map((c) => `NEW.${c} IS OLD.${c}`).join(' AND ')

export async function up(db: Kysely<any>): Promise<void> {
  // updated_at may change when text is erased; nothing else that is kept may.
  const keptByErasure = UNMOVED.filter((c) => !(c in ERASED_NOTE_TEXT) && c !== 'updated_at')
  const erased = Object.entries(ERASED_NOTE_TEXT)
    .map(([c, empty]) => `NEW.${c} = '${empty}'`)
    .join(' AND ')

  await sql`DROP TRIGGER IF EXISTS notes_signed_no_update`.execute(db)
  await sql
    .raw(
      `CREATE TRIGGER notes_signed_no_update BEFORE UPDATE ON notes
       WHEN OLD.signed_at IS NOT NULL AND NOT (
         (NEW.id IS OLD.id AND NEW.client_id IS NOT OLD.client_id AND ${unchanged(UNMOVED)} AND (
           (SELECT merged_into_id FROM clients WHERE id = OLD.client_id) IS NEW.client_id
           OR (SELECT merged_into_id FROM clients WHERE id = NEW.client_id) IS OLD.client_id))
         OR
         (NEW.id IS OLD.id AND NEW.client_id IS OLD.client_id AND ${unchanged(keptByErasure)}
           AND ${erased}
           AND (SELECT anonymised_at FROM clients WHERE id = OLD.client_id) IS NOT NULL)
       )
       BEGIN SELECT RAISE(ABORT, 'a signed note cannot be changed; add an addendum'); END`,
    )
    .execute(db)

  await sql`DROP TRIGGER IF EXISTS note_addenda_no_update`.execute(db)
  await sql`CREATE TRIGGER note_addenda_no_update BEFORE UPDATE ON note_addenda
            WHEN NOT (
              NEW.id IS OLD.id AND NEW.note_id IS OLD.note_id AND NEW.body = ''
              AND NEW.author_user_id IS OLD.author_user_id AND NEW.author_name IS OLD.author_name
              AND NEW.signed_at IS OLD.signed_at
              AND (SELECT c.anonymised_at FROM notes n JOIN clients c ON c.id = n.client_id
                   WHERE n.id = OLD.note_id) IS NOT NULL)
            BEGIN SELECT RAISE(ABORT, 'an addendum cannot be changed'); END`.execute(db)

  // A GP letter or photo is clinical content too: it goes when its client is anonymised.
  await sql`DROP TRIGGER IF EXISTS note_attachments_signed_no_delete`.execute(db)
  await sql`CREATE TRIGGER note_attachments_signed_no_delete BEFORE DELETE ON note_attachments
            WHEN (SELECT signed_at FROM notes WHERE id = OLD.note_id) IS NOT NULL
              AND (SELECT c.anonymised_at FROM notes n JOIN clients c ON c.id = n.client_id
                   WHERE n.id = OLD.note_id) IS NULL
            BEGIN SELECT RAISE(ABORT, 'an attachment on a signed note cannot be removed'); END`.execute(
    db,
  )
}
