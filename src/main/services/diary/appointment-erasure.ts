import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'

/** What a history line says once the reason typed into it has gone. */
export const REASON_REMOVED = ' (reason removed: record anonymised)'

/**
 * Anonymising keeps a client's appointments (date, service, price: the clinic's figures) but
 * removes every word typed about them: the appointment's notes, the cancellation and override
 * reasons, and the copies of those reasons in its change history ('cancelled' lines read
 * "Cancelled by the client: <reason>", 'override' lines "Rules overridden (...) because:
 * <reason>"). Those lines keep what happened, up to the reason. A user trial found the history
 * still quoting "Eleanor rang: sciatica..." after the record was anonymised.
 */
export async function eraseAppointmentText(db: Kysely<DB>, clientId: number): Promise<void> {
  const theirs = db.selectFrom('appointments').select('id').where('client_id', '=', clientId)
  await db
    .updateTable('appointments')
    .set({ notes: '', cancel_reason: null, override_reason: null })
    .where('client_id', '=', clientId)
    .execute()
  const lines = await db
    .selectFrom('appointment_history')
    .select(['id', 'action', 'summary'])
    .where('appointment_id', 'in', theirs)
    .where('action', 'in', ['cancelled', 'override'])
    .execute()
  for (const line of lines) {
    await db
      .updateTable('appointment_history')
      .set({ summary: withoutReason(line.action, line.summary) })
      .where('id', '=', line.id)
      .execute()
  }
}

/**
 * "Cancelled by the client inside the 24 h notice period (late): <reason>" keeps the part
 * before the first ': ' (the reason follows it); an override line keeps only what happened,
 * since the broken rules' messages may name people too.
 */
function withoutReason(action: string, summary: string): string {
  if (action === 'cancelled') return summary.split(': ')[0] + REASON_REMOVED
  // An import's own line lists the rules broken, nothing typed (import-appointment-write).
  if (summary.startsWith('Imported outside the rules:')) return summary
  return 'Rules overridden' + REASON_REMOVED
}
