import type { Kysely } from 'kysely'

// Appointment imports (issue 7): a batch now says what it imported, and every appointment an
// import created carries the batch id, so that import too can be undone as a whole.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('import_batches')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('clients'))
    .execute()
  await db.schema.alterTable('appointments').addColumn('import_batch_id', 'text').execute()
  await db.schema
    .createIndex('appointments_import_batch')
    .on('appointments')
    .column('import_batch_id')
    .execute()
}
