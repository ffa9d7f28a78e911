import type { Kysely } from 'kysely'
import type { DaySheet } from '../../../shared/contract/diary'
import type { DB } from '../../db/schema'
import { appointmentsInRange } from './appointment-read'
import { addDays, zonedToUtc } from './clinic-clock'

/** One local day's bookings per therapist, for the printed sheet on the treatment-room door. */
export async function daySheet(
  db: Kysely<DB>,
  date: string,
  therapistId: number | null,
  timeZone: string,
): Promise<DaySheet> {
  const from = new Date(zonedToUtc(date, 0, timeZone)).toISOString()
  const to = new Date(zonedToUtc(addDays(date, 1), 0, timeZone)).toISOString()
  let tq = db.selectFrom('therapists').select(['id', 'name']).where('active', '=', 1)
  if (therapistId !== null) tq = tq.where('id', '=', therapistId)
  const therapists = await tq.orderBy('sort_order').orderBy('name').execute()
  const appointments = await appointmentsInRange(db, {
    from,
    to,
    therapistIds: therapists.map((t) => t.id),
    includeCancelled: false,
  })
  return {
    date,
    therapists: therapists.map((t) => ({
      therapistId: t.id,
      name: t.name,
      rows: appointments
        .filter((a) => a.therapistId === t.id && a.startsAt >= from)
        .map((a) => ({
          appointmentId: a.id,
          startsAt: a.startsAt,
          endsAt: a.endsAt,
          clientName: a.clientName,
          phone: a.clientPhone,
          serviceName: a.serviceName,
          status: a.status,
          alerts: a.alerts,
        })),
    })),
  }
}
