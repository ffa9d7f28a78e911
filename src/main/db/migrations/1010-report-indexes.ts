import type { Kysely } from 'kysely'

/**
 * Reports (issue 14) read a year of appointments at a time: counted by status, therapist and
 * service, their minutes summed, the period's clients' later bookings found. Covering indexes
 * let SQLite answer those from the index alone, never reading the (wide) appointment rows:
 * see tests/bench/reports.bench.ts for the figures before and after.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('appointments_for_reports')
    .on('appointments')
    .columns([
      'starts_at',
      'status',
      'late_cancellation',
      'therapist_id',
      'service_id',
      'ends_at',
      'client_id',
    ])
    .execute()
  await db.schema
    .createIndex('appointments_for_rebooking')
    .on('appointments')
    .columns(['client_id', 'starts_at', 'status', 'created_at'])
    .execute()
}
