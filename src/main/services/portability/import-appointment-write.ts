import type { LinkedInsert } from '../../db/linked-insert'
import type { AuditActor } from '../audit'
import type { AppointmentRow } from './import-appointment-check'
import type { ImportBatchInfo } from './import-batch'

// Stage 3 of an appointments import, writing: each checked row as plain rows (the
// appointment and its history lines) for import-write.ts to write in chunks off main.

/** One imported appointment as a linked insert: the appointment, then its history line(s). */
export function appointmentImportItem(
  r: AppointmentRow,
  batch: ImportBatchInfo,
  actor: AuditActor,
  now: Date,
): LinkedInsert['items'][number] {
  const at = now.toISOString()
  const history = (action: string, summary: string) => ({
    table: 'appointment_history',
    idColumn: 'appointment_id',
    row: { at, user_id: actor.userId, username: actor.username, action, summary },
  })
  return {
    row: {
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
    },
    linked: [
      history('imported', `Imported ${r.service.name} from ${batch.fileName} (line ${r.line})`),
      ...(r.outsideRules
        ? [history('override', `Imported outside the rules: ${r.outsideRules}`)]
        : []),
    ],
  }
}
