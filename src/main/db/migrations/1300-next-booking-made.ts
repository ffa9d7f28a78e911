import { sql, type Kysely } from 'kysely'

/**
 * The rebook rate (issue 14) asks of each attended visit: did the client have a booking starting
 * later that was made within the rebook window after the visit ended? Asked per visit at report
 * time that read every later booking of the client for each of a year's visits (~1 s at the
 * bench's 500,000 appointments). So each appointment keeps the answer's input:
 *
 *   next_made_at = the earliest created_at among the same client's appointments (any status)
 *                  starting strictly later; NULL when there are none.
 *
 * The window is a setting, so the stored fact is "when", not "whether". Triggers keep it true on
 * every write path (booking, moving, the import, its undo, client merges, raw fixtures) inside
 * the writing statement's transaction:
 * - insert: earlier appointments of the client take the new booking's created_at if it is
 *   earlier than theirs; the new row works its own out;
 * - update of client, start or created_at: the rows it left whose value was its created_at are
 *   worked out again, then as an insert where it now is; and its own value again;
 * - delete: as the first half of an update.
 * Status is not part of the rule (a booking made and later cancelled was still a booking), so a
 * status change changes nothing here. The statements use the client-and-start index.
 * Existing rows are filled in below; the reports' covering index gains the column.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('appointments').addColumn('next_made_at', 'text').execute()
  const nextOf = (row: string) =>
    `(SELECT min(n.created_at) FROM appointments n
       WHERE n.client_id = ${row}.client_id AND n.starts_at > ${row}.starts_at)`
  await sql.raw(`UPDATE appointments SET next_made_at = ${nextOf('appointments')}`).execute(db)
  const leave = (old: string) =>
    `UPDATE appointments SET next_made_at = ${nextOf('appointments')}
       WHERE client_id = ${old}.client_id AND starts_at < ${old}.starts_at
         AND next_made_at = ${old}.created_at;`
  const arrive = (row: string) =>
    `UPDATE appointments SET next_made_at = ${row}.created_at
       WHERE client_id = ${row}.client_id AND starts_at < ${row}.starts_at
         AND (next_made_at IS NULL OR next_made_at > ${row}.created_at);
     UPDATE appointments SET next_made_at = ${nextOf(row)} WHERE id = ${row}.id;`
  await sql
    .raw(
      `CREATE TRIGGER appointments_next_made_insert AFTER INSERT ON appointments
       BEGIN ${arrive('NEW')} END`,
    )
    .execute(db)
  await sql
    .raw(
      `CREATE TRIGGER appointments_next_made_update
       AFTER UPDATE OF client_id, starts_at, created_at ON appointments
       BEGIN ${leave('OLD')} ${arrive('NEW')} END`,
    )
    .execute(db)
  await sql
    .raw(
      `CREATE TRIGGER appointments_next_made_delete AFTER DELETE ON appointments
       BEGIN ${leave('OLD')} END`,
    )
    .execute(db)
  // The clients report counts a period's visits and their rebookings from this index alone.
  await db.schema.dropIndex('appointments_for_reports').execute()
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
      'next_made_at',
    ])
    .execute()
}
