import { sql, type Kysely } from 'kysely'

// Appointments. Instants are UTC ISO strings (same length, so they sort as text);
// blocked_until = ends_at + the service's buffer, kept so overlap is one indexed range test.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('appointment_series')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('every_weeks', 'integer', (c) => c.notNull())
    .addColumn('local_time', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .execute()

  await db.schema
    .createTable('appointments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('therapist_id', 'integer', (c) => c.notNull().references('therapists.id'))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('room_id', 'integer', (c) => c.references('rooms.id'))
    .addColumn('series_id', 'integer', (c) => c.references('appointment_series.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull().check(sql`ends_at > starts_at`))
    .addColumn('blocked_until', 'text', (c) => c.notNull().check(sql`blocked_until >= ends_at`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('booked')
        .check(sql`status IN ('booked', 'arrived', 'completed', 'cancelled', 'no_show')`),
    )
    .addColumn('price_pence', 'integer', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cancelled_by', 'text', (c) => c.check(sql`cancelled_by IN ('client', 'clinic')`))
    .addColumn('cancel_reason', 'text')
    .addColumn('late_cancellation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('override_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  // The diary's range queries and the overlap checks (therapist, room) are all
  // "starts_at within a window" on one of these.
  await db.schema
    .createIndex('appointments_by_therapist_start')
    .on('appointments')
    .columns(['therapist_id', 'starts_at'])
    .execute()
  await db.schema
    .createIndex('appointments_by_start')
    .on('appointments')
    .columns(['starts_at'])
    .execute()
  await db.schema
    .createIndex('appointments_by_room_start')
    .on('appointments')
    .columns(['room_id', 'starts_at'])
    .where(sql.ref('room_id'), 'is not', null)
    .execute()
  await db.schema
    .createIndex('appointments_by_client_start')
    .on('appointments')
    .columns(['client_id', 'starts_at'])
    .execute()
  await db.schema
    .createIndex('appointments_by_series')
    .on('appointments')
    .columns(['series_id'])
    .where(sql.ref('series_id'), 'is not', null)
    .execute()

  // Every change to an appointment, in order: booked, moved, arrived, cancelled, overridden.
  await db.schema
    .createTable('appointment_history')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('appointment_id', 'integer', (c) =>
      c.notNull().references('appointments.id').onDelete('cascade'),
    )
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('username', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('appointment_history_by_appointment')
    .on('appointment_history')
    .columns(['appointment_id', 'id'])
    .execute()

  await db.schema
    .createTable('waitlist')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    /** JSON array of therapist ids; empty = anyone. */
    .addColumn('therapist_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    /** JSON array of { weekdays: number[], after: 'HH:MM', before: 'HH:MM' }; empty = any time. */
    .addColumn('windows', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('urgency', 'text', (c) =>
      c
        .notNull()
        .defaultTo('normal')
        .check(sql`urgency IN ('low', 'normal', 'high')`),
    )
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('resolved_at', 'text')
    .execute()
}
