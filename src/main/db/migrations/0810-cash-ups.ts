import { sql, type Kysely } from 'kysely'

/**
 * End-of-day cash-up (issue 13): what the ledger says each method took that day against what
 * was counted, with the cash float. Recorded once and never changed (a recount is a new
 * cash-up), so the database refuses updates and deletes.
 * SQLite-only trigger syntax; a Postgres port would use plpgsql triggers.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cash_ups')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    /** The clinic-local day counted, YYYY-MM-DD. */
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_user_id', 'integer')
    .addColumn('by_name', 'text')
    .addColumn('float_pence', 'integer', (c) => c.notNull().check(sql`float_pence >= 0`))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema
    .createIndex('cash_ups_by_date')
    .on('cash_ups')
    .columns(['business_date', 'at'])
    .execute()
  await db.schema
    .createTable('cash_up_lines')
    .addColumn('cash_up_id', 'integer', (c) => c.notNull().references('cash_ups.id'))
    .addColumn('method_id', 'integer', (c) => c.notNull().references('payment_methods.id'))
    /** Cash includes the float. */
    .addColumn('expected_pence', 'integer', (c) => c.notNull())
    .addColumn('counted_pence', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('cash_up_lines_pk', ['cash_up_id', 'method_id'])
    .execute()
  for (const table of ['cash_ups', 'cash_up_lines']) {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
         BEGIN SELECT RAISE(ABORT, 'a cash-up cannot be changed; record a new count'); END`,
      )
      .execute(db)
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
         BEGIN SELECT RAISE(ABORT, 'a cash-up cannot be deleted'); END`,
      )
      .execute(db)
  }
}
