import type { Kysely } from 'kysely'
import { displayNameOf } from '../clients/client-record'
import type {
  AppointmentDetail,
  AppointmentStatus,
  DiaryAppointment,
} from '../../../shared/contract/diary'
import type { DB } from '../../db/schema'
import { DomainError } from '../domain-error'

/** The diary's view of appointments: client name, phone and alerts, service name and colour. */
export function diaryAppointments(db: Kysely<DB>) {
  return db
    .selectFrom('appointments as a')
    .innerJoin('clients as c', 'c.id', 'a.client_id')
    .innerJoin('services as s', 's.id', 'a.service_id')
    .select([
      'a.id',
      'a.client_id',
      'c.first_name',
      'c.last_name',
      'c.preferred_name',
      'c.mobile',
      'c.other_phone',
      'c.alert_summary',
      'a.therapist_id',
      'a.service_id',
      's.name as service_name',
      's.colour as service_colour',
      'a.room_id',
      'a.series_id',
      'a.starts_at',
      'a.ends_at',
      'a.blocked_until',
      'a.status',
      'a.price_pence',
      'a.notes',
      'a.late_cancellation',
      'a.override_reason',
      'a.cancelled_by',
      'a.cancel_reason',
    ])
}

type Row = Awaited<ReturnType<ReturnType<typeof diaryAppointments>['executeTakeFirstOrThrow']>>

function alertsOf(json: string): { severity: string; text: string }[] {
  if (json === '[]' || json === '') return []
  try {
    return JSON.parse(json) as { severity: string; text: string }[]
  } catch {
    return []
  }
}

export function toDiaryAppointment(r: Row): DiaryAppointment {
  return {
    id: r.id,
    clientId: r.client_id,
    clientName: displayNameOf(r),
    clientPhone: r.mobile || r.other_phone,
    alerts: alertsOf(r.alert_summary),
    therapistId: r.therapist_id,
    serviceId: r.service_id,
    serviceName: r.service_name,
    serviceColour: r.service_colour,
    roomId: r.room_id,
    seriesId: r.series_id,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    blockedUntil: r.blocked_until,
    status: r.status as AppointmentStatus,
    pricePence: r.price_pence,
    notes: r.notes,
    lateCancellation: r.late_cancellation === 1,
    overrideReason: r.override_reason,
  }
}

export async function getDiaryAppointment(db: Kysely<DB>, id: number): Promise<DiaryAppointment> {
  const row = await diaryAppointments(db).where('a.id', '=', id).executeTakeFirst()
  if (!row) throw new DomainError('not_found', 'That appointment no longer exists.')
  return toDiaryAppointment(row)
}

export async function getAppointmentDetail(db: Kysely<DB>, id: number): Promise<AppointmentDetail> {
  const row = await diaryAppointments(db).where('a.id', '=', id).executeTakeFirst()
  if (!row) throw new DomainError('not_found', 'That appointment no longer exists.')
  const history = await db
    .selectFrom('appointment_history')
    .select(['at', 'username as who', 'action', 'summary'])
    .where('appointment_id', '=', id)
    .orderBy('id')
    .execute()
  return {
    ...toDiaryAppointment(row),
    cancelledBy: row.cancelled_by,
    cancelReason: row.cancel_reason,
    history,
  }
}

/** Appointments starting in [from, to), plus any still running at `from`. */
export async function appointmentsInRange(
  db: Kysely<DB>,
  range: {
    from: string
    to: string
    therapistIds?: number[] | undefined
    includeCancelled: boolean
  },
): Promise<DiaryAppointment[]> {
  const earliest = new Date(Date.parse(range.from) - 86_400_000).toISOString()
  let q = diaryAppointments(db)
    .where('a.starts_at', '>=', earliest)
    .where('a.starts_at', '<', range.to)
    .where('a.ends_at', '>', range.from)
  if (range.therapistIds)
    q = q.where('a.therapist_id', 'in', range.therapistIds.length ? range.therapistIds : [-1])
  if (!range.includeCancelled) q = q.where('a.status', '!=', 'cancelled')
  const rows = await q.orderBy('a.starts_at').execute()
  return rows.map(toDiaryAppointment)
}
