import { type Kysely } from 'kysely'

/**
 * Saves a desk sent with a request id (issue 15), so a resend after the host died between
 * committing a save and answering it is answered with the first answer, not applied twice.
 * Written in the same transaction as the save itself: either both are in the file or
 * neither. `answer` is the save's small JSON answer (a note draft's id, revision and time,
 * never its text). Rows older than a week are deleted as new ones arrive.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('desk_saves')
    .addColumn('request_id', 'text', (c) => c.primaryKey())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('desk_saves_applied_at')
    .on('desk_saves')
    .column('applied_at')
    .execute()
}
