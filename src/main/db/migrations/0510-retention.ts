import type { Kysely } from 'kysely'

// Retention of client records (issue 7): how long after the last treatment a record is kept
// (8 years is the professional bodies' usual advice; a child's until their 25th birthday),
// and when a record was anonymised.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('retention_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('years', 'integer', (c) => c.notNull().defaultTo(8))
    .execute()
  await db.insertInto('retention_settings').values({ id: 1, years: 8 }).execute()
  await db.schema.alterTable('clients').addColumn('anonymised_at', 'text').execute()
}
