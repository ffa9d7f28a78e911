import { sql, type Kysely } from 'kysely'

// A migration never changes after it lands: a fix is a new, higher-numbered file.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('clinic_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('clinic_name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Europe/London'))
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('GBP'))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('en-GB'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await sql`INSERT INTO clinic_settings (id, clinic_name, updated_at)
            VALUES (1, 'My clinic', ${new Date().toISOString()})`.execute(db)
}
