import { sql, type Kysely } from 'kysely'
import { DEFAULT_TEMPLATES } from '../../../shared/notes/default-templates'

// Treatment notes. A clinical record must be unalterable once signed, so the database
// itself refuses to change or delete a signed note or any addendum (triggers below), not
// only the service. SQLite-only trigger syntax; a Postgres port would use a plpgsql trigger.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('note_templates')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    /** JSON array of { id, label, hint } text sections. */
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('notes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('appointment_id', 'integer', (c) => c.references('appointments.id'))
    .addColumn('therapist_id', 'integer', (c) => c.references('therapists.id'))
    .addColumn('author_user_id', 'integer', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('template_id', 'integer', (c) => c.notNull().references('note_templates.id'))
    .addColumn('template_name', 'text', (c) => c.notNull())
    /** The template's fields when the note was started: later template edits never reshape it. */
    .addColumn('template_fields', 'text', (c) => c.notNull())
    .addColumn('session_at', 'text', (c) => c.notNull())
    .addColumn('sections', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('pain_before', 'integer', (c) => c.check(sql`pain_before BETWEEN 0 AND 10`))
    .addColumn('pain_after', 'integer', (c) => c.check(sql`pain_after BETWEEN 0 AND 10`))
    .addColumn('areas', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('techniques', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('pressure', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('response', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('aftercare', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('home_exercises', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('next_session', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_marks', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text')
    .addColumn('signed_by', 'integer')
    .addColumn('signed_by_name', 'text')
    .execute()
  await db.schema
    .createIndex('notes_by_client')
    .on('notes')
    .columns(['client_id', 'session_at'])
    .execute()
  // One note per appointment: "Write note" on the same appointment reopens it.
  await db.schema
    .createIndex('notes_by_appointment')
    .on('notes')
    .column('appointment_id')
    .unique()
    .where(sql.ref('appointment_id'), 'is not', null)
    .execute()
  await db.schema
    .createIndex('notes_unsigned_by_author')
    .on('notes')
    .columns(['author_user_id', 'session_at'])
    .where(sql.ref('signed_at'), 'is', null)
    .execute()

  await db.schema
    .createTable('note_addenda')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('note_id', 'integer', (c) => c.notNull().references('notes.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'integer', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('note_addenda_by_note').on('note_addenda').column('note_id').execute()

  await db.schema
    .createTable('note_attachments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('note_id', 'integer', (c) => c.notNull().references('notes.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'integer')
    .addColumn('added_by_name', 'text')
    .execute()
  await db.schema
    .createIndex('note_attachments_by_note')
    .on('note_attachments')
    .column('note_id')
    .execute()

  await sql`CREATE TRIGGER notes_signed_no_update BEFORE UPDATE ON notes
            WHEN OLD.signed_at IS NOT NULL
            BEGIN SELECT RAISE(ABORT, 'a signed note cannot be changed; add an addendum'); END`.execute(
    db,
  )
  await sql`CREATE TRIGGER notes_signed_no_delete BEFORE DELETE ON notes
            WHEN OLD.signed_at IS NOT NULL
            BEGIN SELECT RAISE(ABORT, 'a signed note cannot be deleted'); END`.execute(db)
  await sql`CREATE TRIGGER note_addenda_no_update BEFORE UPDATE ON note_addenda
            BEGIN SELECT RAISE(ABORT, 'an addendum cannot be changed'); END`.execute(db)
  await sql`CREATE TRIGGER note_addenda_no_delete BEFORE DELETE ON note_addenda
            BEGIN SELECT RAISE(ABORT, 'an addendum cannot be deleted'); END`.execute(db)
  await sql`CREATE TRIGGER note_attachments_signed_no_delete BEFORE DELETE ON note_attachments
            WHEN (SELECT signed_at FROM notes WHERE id = OLD.note_id) IS NOT NULL
            BEGIN SELECT RAISE(ABORT, 'an attachment on a signed note cannot be removed'); END`.execute(
    db,
  )

  // Full-text search within a client's notes (services/notes/note-search.ts keeps it in
  // step). rowid = notes.id; `client` holds one token ("c42") so a search ANDs the client's
  // short doclist with the words' instead of ranking every match in the clinic.
  // SQLite-only; a Postgres port would use tsvector.
  await sql`CREATE VIRTUAL TABLE notes_search USING fts5(
              body, client, tokenize = 'unicode61 remove_diacritics 2')`.execute(db)

  const now = new Date().toISOString()
  let order = 0
  for (const t of DEFAULT_TEMPLATES) {
    order += 1
    await sql`INSERT INTO note_templates (name, description, fields, active, sort_order, created_at, updated_at)
              VALUES (${t.name}, ${t.description}, ${JSON.stringify(t.fields)}, 1, ${order}, ${now}, ${now})`.execute(
      db,
    )
  }
}
