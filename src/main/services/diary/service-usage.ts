import type { Kysely } from 'kysely'
import type { ServiceUsage } from '../../../shared/contract/diary'
import type { DB } from '../../db/schema'

const YEAR_MS = 365 * 86_400_000

/**
 * How often each service was booked in the year before `now` (cancelled bookings left out),
 * clinic-wide and per therapist: the booking dialog starts on the service a therapist (or
 * else the clinic) books most, rather than the first in the alphabet.
 */
export async function serviceUsage(db: Kysely<DB>, now: Date): Promise<ServiceUsage> {
  const rows = await db
    .selectFrom('appointments')
    .select(['therapist_id', 'service_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('starts_at', '>=', new Date(now.getTime() - YEAR_MS).toISOString())
    .where('status', '!=', 'cancelled')
    .groupBy(['therapist_id', 'service_id'])
    .execute()
  const clinic = new Map<number, number>()
  for (const r of rows) clinic.set(r.service_id, (clinic.get(r.service_id) ?? 0) + Number(r.n))
  return {
    clinic: [...clinic].map(([serviceId, count]) => ({ serviceId, count })),
    byTherapist: rows.map((r) => ({
      therapistId: r.therapist_id,
      serviceId: r.service_id,
      count: Number(r.n),
    })),
  }
}
