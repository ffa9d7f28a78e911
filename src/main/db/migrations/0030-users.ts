import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('username', 'text', (c) => c.notNull())
    // Lower-cased, trimmed: "Sam.Jones " and "sam.jones" are the same account.
    .addColumn('username_normalised', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role IN ('owner', 'reception', 'therapist')`),
    )
    // The therapist this account writes notes as; the diary's therapists table comes later.
    .addColumn('therapist_id', 'integer')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pin_hash', 'text')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('last_sign_in_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('security_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('idle_lock_minutes', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('max_failed_attempts', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('lockout_minutes', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('notes_author_only', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await sql`INSERT INTO security_settings (id) VALUES (1)`.execute(db)
}
