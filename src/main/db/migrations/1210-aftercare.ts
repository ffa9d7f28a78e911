import { type Kysely } from 'kysely'

/**
 * Aftercare sheets (issue 18).
 * - `exercises`: the owner's small library of home exercises and stretches (name, plain
 *   instructions, an optional picture kept in the attachments store by content hash).
 *   Retired, never deleted, once used: a sheet already given must still say what it said.
 * - `client_documents`: PDFs made for a client (aftercare sheets now, letters later), each
 *   a copy kept on the record; the file is in the attachments store by content hash.
 * Frozen: imports nothing from the app.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('exercises')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('instructions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('picture_sha256', 'text')
    .addColumn('picture_mime', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('client_documents')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
    // 'aftercare' | 'letter'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('note_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    // A plain id and the name then, as in 0100: a record outlives the staff who made it.
    .addColumn('created_by', 'integer')
    .addColumn('created_by_name', 'text')
    .execute()
  await db.schema
    .createIndex('client_documents_client')
    .on('client_documents')
    .columns(['client_id', 'created_at'])
    .execute()
}
