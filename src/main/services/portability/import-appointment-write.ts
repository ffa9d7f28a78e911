import type { Kysely } from 'kysely'
import { bulkInserter, yielder, type RawConnection } from '../../db/bulk-insert'
import type { DB } from '../../db/schema'
import type { AuditActor } from '../audit'
import type { AppointmentRow } from './import-appointment-check'
import { recordImportBatch, type ImportBatchInfo } from './import-batch'

// Stage 3 of an appointments import, writing: the checked rows in the caller's transaction.

/** Writes the checked rows in the caller's transaction, each with its history line(s). */
export async function insertAppointmentRows(
  db: Kysely<DB>,
  sqlite: RawConnection,
  rows: AppointmentRow[],
  batch: ImportBatchInfo,
  actor: AuditActor,
  now: Date,
  progress: (percent: number) => void = () => {},
): Promise<void> {
  const at = now.toISOString()
  const recorded = await recordImportBatch(db, 'appointments', batch, rows.length, actor, now)
  const values = (r: AppointmentRow) => ({
    client_id: r.clientId,
    therapist_id: r.therapistId,
    service_id: r.service.id,
    room_id: r.roomId,
    starts_at: new Date(r.startsAt).toISOString(),
    ends_at: new Date(r.endsAt).toISOString(),
    blocked_until: new Date(r.blockedUntil).toISOString(),
    status: r.status,
    price_pence: r.pricePence,
    notes: r.notes,
    late_cancellation: r.late ? 1 : 0,
    override_reason: r.outsideRules ? `Imported from ${batch.fileName}` : null,
    created_at: at,
    created_by: actor.userId,
    updated_at: at,
    import_batch_id: batch.id,
  })
  const history = (appointmentId: number, action: string, summary: string) => ({
    appointment_id: appointmentId,
    at,
    user_id: actor.userId,
    username: actor.username,
    action,
    summary,
  })
  // Cached statements, as the client import does: a clinic's whole history can be tens of
  // thousands of appointments. The event loop turns every 1,000 rows (progress polls).
  const insertAppointment = bulkInserter(
    sqlite,
    'appointments',
    Object.keys(values(rows[0]!)) as (keyof DB['appointments'] & string)[],
  )
  const insertHistory = bulkInserter(
    sqlite,
    'appointment_history',
    Object.keys(history(0, '', '')) as (keyof DB['appointment_history'] & string)[],
  )
  const pause = yielder(1000)
  for (const [i, row] of rows.entries()) {
    const id = insertAppointment(values(row))
    insertHistory(
      history(
        id,
        'imported',
        `Imported ${row.service.name} from ${batch.fileName} (line ${row.line})`,
      ),
    )
    if (row.outsideRules) {
      insertHistory(history(id, 'override', `Imported outside the rules: ${row.outsideRules}`))
    }
    const waiting = pause(i)
    if (waiting) {
      progress((i / rows.length) * 99)
      await waiting
    }
  }
  await recorded.close()
}
