import { sql, type Kysely } from 'kysely'

// One row: where automatic backups go and how many of each age to keep. The passphrase's
// key is deliberately not here (it would travel inside every backup): see backups/key-file.ts.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('backup_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('folder', 'text') // null: backups/ beside the database
    .addColumn('keep_recent', 'integer', (c) => c.notNull().defaultTo(48))
    .addColumn('keep_daily', 'integer', (c) => c.notNull().defaultTo(14))
    .addColumn('keep_weekly', 'integer', (c) => c.notNull().defaultTo(8))
    .addColumn('keep_monthly', 'integer', (c) => c.notNull().defaultTo(12))
    .addColumn('encrypt', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await sql`INSERT INTO backup_settings (id, updated_at) VALUES (1, ${new Date().toISOString()})`.execute(
    db,
  )
}
