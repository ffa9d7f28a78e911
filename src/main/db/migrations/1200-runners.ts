import { sql, type Kysely } from 'kysely'

/**
 * Runners (issue 18).
 *
 * 1. Structured training fields on the client record: weekly distance (km), longest run in
 *    the last 30 days (km), runs a week, and the next event's distance (km). The free-text
 *    `weekly_training` stays exactly as typed (shown as "Other training notes"): nothing is
 *    lost. Where that text says something unambiguous ("40 km/week", "25 miles a week",
 *    "3 runs a week") the new fields are filled from it; the event's distance from its name
 *    ("Half marathon", "10k"). Anything else is left empty for staff to fill in.
 * 2. `client_measures`: outcome measures (PSFS, LEFS, VISA-A), range of motion and a visit's
 *    training load, one row per recording, answers as JSON with the score beside them.
 *    Append-only: a correction is a new row naming the one it replaces (`replaces_id`), and
 *    the old row is marked superseded; the database refuses any other change to a row.
 *
 * Frozen: imports nothing from the app.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('clients').addColumn('weekly_km', 'real').execute()
  await db.schema.alterTable('clients').addColumn('longest_run_km', 'real').execute()
  await db.schema.alterTable('clients').addColumn('runs_per_week', 'integer').execute()
  await db.schema.alterTable('clients').addColumn('event_distance_km', 'real').execute()

  const rows = await db
    .selectFrom('clients')
    .select(['id', 'weekly_training', 'event_name'])
    .where((eb) => eb.or([eb('weekly_training', '!=', ''), eb('event_name', '!=', '')]))
    .execute()
  for (const row of rows as { id: number; weekly_training: string; event_name: string }[]) {
    const weekly = weeklyKmOf(row.weekly_training)
    const runs = runsPerWeekOf(row.weekly_training)
    const distance = eventDistanceOf(row.event_name)
    if (weekly === null && runs === null && distance === null) continue
    await db
      .updateTable('clients')
      .set({ weekly_km: weekly, runs_per_week: runs, event_distance_km: distance })
      .where('id', '=', row.id)
      .execute()
  }

  await db.schema
    .createTable('client_measures')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('appointment_id', 'integer', (c) => c.references('appointments.id'))
    // 'psfs' | 'lefs' | 'visa_a' | 'rom' | 'load'
    .addColumn('kind', 'text', (c) => c.notNull())
    // The version of the instrument's wording and scoring the answers were given on.
    .addColumn('instrument_version', 'integer', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('score', 'real')
    // 'therapist' (typed in the note) or 'client' (filled in by the client on the tablet).
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('therapist'))
    // Who recorded it, as in 0100: a plain id (no foreign key: a record outlives the staff
    // who touched it) and the name they had then.
    .addColumn('recorded_by', 'integer')
    .addColumn('recorded_by_name', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('replaces_id', 'integer', (c) => c.references('client_measures.id'))
    .addColumn('superseded_at', 'text')
    .execute()
  await db.schema
    .createIndex('client_measures_client')
    .on('client_measures')
    .columns(['client_id', 'taken_at'])
    .execute()
  // Only three changes are allowed to a recorded measure: being superseded once, moving
  // with a client merge (client_id), and erasure (handled by deleting the row).
  await sql`
    CREATE TRIGGER client_measures_append_only
    BEFORE UPDATE ON client_measures
    WHEN NEW.kind IS NOT OLD.kind
      OR NEW.instrument_version IS NOT OLD.instrument_version
      OR NEW.taken_at IS NOT OLD.taken_at
      OR NEW.answers IS NOT OLD.answers
      OR NEW.score IS NOT OLD.score
      OR NEW.recorded_by IS NOT OLD.recorded_by
      OR NEW.recorded_by_name IS NOT OLD.recorded_by_name
      OR NEW.recorded_at IS NOT OLD.recorded_at
      OR NEW.replaces_id IS NOT OLD.replaces_id
      OR (OLD.superseded_at IS NOT NULL AND NEW.superseded_at IS NOT OLD.superseded_at)
    BEGIN
      SELECT RAISE(ABORT, 'A recorded measure cannot be changed; record a correction instead');
    END
  `.execute(db)
}

const MILE_KM = 1.609344
const round1 = (n: number) => Math.round(n * 10) / 10

/** "40 km/week", "40km a week", "25 miles per week", "30k pw" → km a week; else null. */
export function weeklyKmOf(text: string): number | null {
  const m =
    /(\d+(?:[.,]\d+)?)\s*(km|kms|k|kilometres?|kilometers?|mi|miles?)\b\s*(?:\/|per|a|an|each|every|p)?\s*(?:w|wk|wks|week|weeks)\b/i.exec(
      text,
    )
  if (!m) return null
  const value = Number(m[1]!.replace(',', '.'))
  const km = /^mi/i.test(m[2]!) ? value * MILE_KM : value
  return km > 0 && km <= 400 ? round1(km) : null
}

/** "3 runs a week", "4x/week", "5 sessions per week" → runs a week; else null. */
export function runsPerWeekOf(text: string): number | null {
  const m =
    /(\d{1,2})\s*(?:x|times|runs?|sessions?)\s*(?:\/|per|a|an|each|every|p)?\s*(?:w|wk|week)\b/i.exec(
      text,
    )
  if (!m) return null
  const n = Number(m[1])
  return n >= 1 && n <= 21 ? n : null
}

/** The distance an event's name says: marathon, half marathon, 5k, 10 km, 10 miles. */
export function eventDistanceOf(name: string): number | null {
  if (/half[\s-]*marathon/i.test(name)) return 21.1
  if (/\bultra\b/i.test(name) && !/\d/.test(name)) return null
  if (/marathon/i.test(name)) return 42.2
  const m = /(\d+(?:[.,]\d+)?)\s*(k|km|mi|miles?|mile)\b/i.exec(name)
  if (!m) return null
  const value = Number(m[1]!.replace(',', '.'))
  const km = /^mi/i.test(m[2]!) ? value * MILE_KM : value
  return km > 0 && km <= 1000 ? round1(km) : null
}
