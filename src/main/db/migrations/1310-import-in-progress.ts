import { type Kysely } from 'kysely'

/**
 * Issue 19: an import is written in chunks, each its own transaction, by a worker thread, so
 * the app keeps answering (and booking) meanwhile. Until its last chunk is in, its batch is
 * marked in progress; a batch still so marked when the file is next opened (the app stopped
 * mid-import, or a backup caught one) is taken back then. Rows from before: finished (0).
 * Frozen: imports nothing from the app.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('import_batches')
    .addColumn('in_progress', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
}
