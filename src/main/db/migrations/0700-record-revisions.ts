import { sql, type Kysely } from 'kysely'

/**
 * The revision of each record two screens or two desks can edit (a client record, the
 * clinic settings, a therapist, ...): a save says which revision it was based on and main
 * refuses a stale one (issue 11, item 1). One table rather than a column per table, so a
 * record kind added later needs no migration; a record with no row is at revision 1.
 * Notes keep their own `revision` column (migration 0300).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('record_revisions')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'integer', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('record_revisions_pk', ['kind', 'record_id'])
    .modifyEnd(sql`WITHOUT ROWID`)
    .execute()
}
