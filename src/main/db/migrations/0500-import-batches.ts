import type { Kysely } from 'kysely'

// Client imports (issue 7): each import is one batch, and every client it created carries the
// batch id, so the whole import can be undone. import_ref keeps the other system's id (e.g. a
// Cliniko "Patient ID") for reconciling the two afterwards.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('preset', 'text', (c) => c.notNull())
    .addColumn('created_count', 'integer', (c) => c.notNull())
    .addColumn('skipped_count', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by', 'integer')
    .addColumn('undone_at', 'text')
    .addColumn('undone_by', 'integer')
    .execute()
  await db.schema.alterTable('clients').addColumn('import_batch_id', 'text').execute()
  await db.schema.alterTable('clients').addColumn('import_ref', 'text').execute()
  await db.schema
    .createIndex('clients_import_batch')
    .on('clients')
    .column('import_batch_id')
    .execute()
}
