import type { Kysely } from 'kysely'

// Time off for part of a day (a 14:00–17:00 dentist's appointment): local clinic times on
// each day from starts_on to ends_on. Both empty means whole days, as before.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('therapist_time_off').addColumn('from_time', 'text').execute()
  await db.schema.alterTable('therapist_time_off').addColumn('until_time', 'text').execute()
}
