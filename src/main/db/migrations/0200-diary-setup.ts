import { sql, type Kysely } from 'kysely'

// The diary's set-up: who treats, what they offer, when they work, where, and when the
// clinic is open. Local dates are 'YYYY-MM-DD' and local times 'HH:MM' in the clinic's
// time zone; weekdays are ISO (1 = Monday ... 7 = Sunday).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('therapists')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('colour', 'text', (c) => c.notNull())
    // The staff account that signs in as this therapist (users.therapist_id points back).
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('services')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull().check(sql`duration_minutes > 0`))
    .addColumn('price_pence', 'integer', (c) => c.notNull().check(sql`price_pence >= 0`))
    .addColumn('buffer_after_minutes', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`buffer_after_minutes >= 0`),
    )
    .addColumn('colour', 'text', (c) => c.notNull())
    .addColumn('needs_room', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('therapist_services')
    .addColumn('therapist_id', 'integer', (c) =>
      c.notNull().references('therapists.id').onDelete('cascade'),
    )
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addPrimaryKeyConstraint('therapist_services_pk', ['therapist_id', 'service_id'])
    .execute()

  // Working ranges and breaks, several a day: 09:00-13:00 and 14:00-20:00 on a Monday.
  await db.schema
    .createTable('therapist_hours')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('therapist_id', 'integer', (c) =>
      c.notNull().references('therapists.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('work', 'break')`))
    .addColumn('weekday', 'integer', (c) => c.notNull().check(sql`weekday BETWEEN 1 AND 7`))
    .addColumn('starts', 'text', (c) => c.notNull())
    .addColumn('ends', 'text', (c) => c.notNull().check(sql`ends > starts`))
    .execute()
  await db.schema
    .createIndex('therapist_hours_by_therapist')
    .on('therapist_hours')
    .columns(['therapist_id', 'weekday'])
    .execute()

  // Whole days off, both ends included: "holiday 3-10 March".
  await db.schema
    .createTable('therapist_time_off')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('therapist_id', 'integer', (c) =>
      c.notNull().references('therapists.id').onDelete('cascade'),
    )
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull().check(sql`ends_on >= starts_on`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('therapist_time_off_by_therapist')
    .on('therapist_time_off')
    .columns(['therapist_id', 'ends_on'])
    .execute()

  await db.schema
    .createTable('rooms')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  // One opening range per weekday; a weekday without a row is closed.
  await db.schema
    .createTable('clinic_hours')
    .addColumn('weekday', 'integer', (c) => c.primaryKey().check(sql`weekday BETWEEN 1 AND 7`))
    .addColumn('opens', 'text', (c) => c.notNull())
    .addColumn('closes', 'text', (c) => c.notNull().check(sql`closes > opens`))
    .execute()
  // A new clinic is open 08:00-20:00 on weekdays and 09:00-17:00 on Saturdays.
  await sql`INSERT INTO clinic_hours (weekday, opens, closes) VALUES
    (1, '08:00', '20:00'), (2, '08:00', '20:00'), (3, '08:00', '20:00'),
    (4, '08:00', '20:00'), (5, '08:00', '20:00'), (6, '09:00', '17:00')`.execute(db)

  await db.schema
    .createTable('closure_days')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('diary_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('cancellation_notice_hours', 'integer', (c) => c.notNull().defaultTo(24))
    .execute()
  await sql`INSERT INTO diary_settings (id) VALUES (1)`.execute(db)
}
