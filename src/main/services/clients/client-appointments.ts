import type { Kysely } from 'kysely'
import type { ClientAppointment } from '../../../shared/contract/clients'
import type { DB } from '../../db/schema'

const STILL_ON = ['booked', 'arrived'] as const

/**
 * Each client's next appointment that is still on, for the lookup results: one indexed
 * query (appointments_by_client_start) for the whole page of results.
 */
export async function nextAppointmentsOf(
  db: Kysely<DB>,
  clientIds: number[],
  now: Date,
): Promise<Map<number, string>> {
  if (clientIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('appointments')
    .select(['client_id', (eb) => eb.fn.min('starts_at').as('next')])
    .where('client_id', 'in', clientIds)
    .where('starts_at', '>=', now.toISOString())
    .where('status', 'in', STILL_ON)
    .groupBy('client_id')
    .execute()
  return new Map(rows.map((r) => [r.client_id, r.next as string]))
}

/** A client's upcoming appointments (soonest first) and recent past ones (newest first). */
export async function appointmentsOfClient(
  db: Kysely<DB>,
  clientId: number,
  now: Date,
  pastLimit = 20,
): Promise<{ upcoming: ClientAppointment[]; past: ClientAppointment[] }> {
  const base = db
    .selectFrom('appointments as a')
    .innerJoin('services as s', 's.id', 'a.service_id')
    .innerJoin('therapists as t', 't.id', 'a.therapist_id')
    .select([
      'a.id',
      'a.starts_at',
      'a.ends_at',
      'a.status',
      'a.late_cancellation',
      's.name as service_name',
      't.name as therapist_name',
    ])
    .where('a.client_id', '=', clientId)
  const iso = now.toISOString()
  const [upcoming, past] = await Promise.all([
    base.where('a.starts_at', '>=', iso).orderBy('a.starts_at', 'asc').limit(50).execute(),
    base.where('a.starts_at', '<', iso).orderBy('a.starts_at', 'desc').limit(pastLimit).execute(),
  ])
  const view = (r: (typeof upcoming)[number]): ClientAppointment => ({
    id: r.id,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    status: r.status as ClientAppointment['status'],
    lateCancellation: r.late_cancellation === 1,
    serviceName: r.service_name,
    therapistName: r.therapist_name,
  })
  return { upcoming: upcoming.map(view), past: past.map(view) }
}
