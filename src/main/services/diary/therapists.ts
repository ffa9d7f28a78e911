import type { Kysely } from 'kysely'
import type { Therapist } from '../../../shared/contract/diary-setup'
import type { DB } from '../../db/schema'
import { DomainError } from '../domain-error'

export interface TherapistValues {
  name: string
  colour: string
  active: boolean
  userId: number | null
  serviceIds: number[]
  hours: { weekday: number; starts: string; ends: string }[]
  breaks: { weekday: number; starts: string; ends: string }[]
}

const byDayAndTime = (
  a: { weekday: number; starts: string },
  b: { weekday: number; starts: string },
) => a.weekday - b.weekday || a.starts.localeCompare(b.starts)

export async function listTherapists(
  db: Kysely<DB>,
  options: { includeInactive?: boolean; ids?: number[]; today: string },
): Promise<Therapist[]> {
  let query = db.selectFrom('therapists').selectAll().orderBy('sort_order').orderBy('name')
  if (!options.includeInactive) query = query.where('active', '=', 1)
  if (options.ids) query = query.where('id', 'in', options.ids.length ? options.ids : [-1])
  const rows = await query.execute()
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [services, hours, timeOff] = await Promise.all([
    db.selectFrom('therapist_services').selectAll().where('therapist_id', 'in', ids).execute(),
    db.selectFrom('therapist_hours').selectAll().where('therapist_id', 'in', ids).execute(),
    db
      .selectFrom('therapist_time_off')
      .selectAll()
      .where('therapist_id', 'in', ids)
      .where('ends_on', '>=', options.today)
      .orderBy('starts_on')
      .execute(),
  ])
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    colour: r.colour,
    active: r.active === 1,
    userId: r.user_id,
    serviceIds: services.filter((s) => s.therapist_id === r.id).map((s) => s.service_id),
    hours: hours
      .filter((h) => h.therapist_id === r.id && h.kind === 'work')
      .map(({ weekday, starts, ends }) => ({ weekday, starts, ends }))
      .sort(byDayAndTime),
    breaks: hours
      .filter((h) => h.therapist_id === r.id && h.kind === 'break')
      .map(({ weekday, starts, ends }) => ({ weekday, starts, ends }))
      .sort(byDayAndTime),
    timeOff: timeOff
      .filter((t) => t.therapist_id === r.id)
      .map((t) => ({
        id: t.id,
        startsOn: t.starts_on,
        endsOn: t.ends_on,
        reason: t.reason,
        fromTime: t.from_time,
        untilTime: t.until_time,
      })),
  }))
}

export async function getTherapist(db: Kysely<DB>, id: number, today: string): Promise<Therapist> {
  const [found] = await listTherapists(db, { includeInactive: true, ids: [id], today })
  if (!found) throw new DomainError('not_found', 'That therapist no longer exists.')
  return found
}

async function checkReferences(db: Kysely<DB>, values: TherapistValues, id: number | null) {
  if (values.serviceIds.length > 0) {
    const found = await db
      .selectFrom('services')
      .select('id')
      .where('id', 'in', values.serviceIds)
      .execute()
    if (found.length !== new Set(values.serviceIds).size) {
      throw new DomainError('not_found', 'One of the chosen services no longer exists.', [
        { path: 'serviceIds', message: 'Choose the services again' },
      ])
    }
  }
  if (values.userId !== null) {
    const user = await db
      .selectFrom('users')
      .select(['role', 'therapist_id'])
      .where('id', '=', values.userId)
      .executeTakeFirst()
    if (!user || user.role !== 'therapist') {
      throw new DomainError('rule_broken', 'Link a therapist to a therapist staff account.', [
        { path: 'userId', message: 'Choose a staff account with the therapist role' },
      ])
    }
    if (user.therapist_id !== null && user.therapist_id !== id) {
      throw new DomainError('conflict', 'That staff account is already linked to a therapist.', [
        { path: 'userId', message: 'Already linked to another therapist' },
      ])
    }
  }
}

async function writeDetails(db: Kysely<DB>, id: number, values: TherapistValues) {
  await db.deleteFrom('therapist_services').where('therapist_id', '=', id).execute()
  await db.deleteFrom('therapist_hours').where('therapist_id', '=', id).execute()
  const serviceIds = [...new Set(values.serviceIds)]
  if (serviceIds.length > 0) {
    await db
      .insertInto('therapist_services')
      .values(serviceIds.map((service_id) => ({ therapist_id: id, service_id })))
      .execute()
  }
  const ranges = [
    ...values.hours.map((h) => ({ ...h, kind: 'work' as const })),
    ...values.breaks.map((h) => ({ ...h, kind: 'break' as const })),
  ]
  if (ranges.length > 0) {
    await db
      .insertInto('therapist_hours')
      .values(ranges.map((r) => ({ therapist_id: id, ...r })))
      .execute()
  }
  // users.therapist_id points back, so the account's diary and notes follow the therapist.
  await db.updateTable('users').set({ therapist_id: null }).where('therapist_id', '=', id).execute()
  if (values.userId !== null) {
    await db
      .updateTable('users')
      .set({ therapist_id: id })
      .where('id', '=', values.userId)
      .execute()
  }
}

export async function createTherapist(
  db: Kysely<DB>,
  values: TherapistValues,
  now: Date,
): Promise<number> {
  await checkReferences(db, values, null)
  const at = now.toISOString()
  const { id } = await db
    .insertInto('therapists')
    .values({
      name: values.name,
      colour: values.colour,
      active: values.active ? 1 : 0,
      user_id: values.userId,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await writeDetails(db, id, values)
  return id
}

export async function updateTherapist(
  db: Kysely<DB>,
  id: number,
  values: TherapistValues,
  now: Date,
): Promise<void> {
  await checkReferences(db, values, id)
  const updated = await db
    .updateTable('therapists')
    .set({
      name: values.name,
      colour: values.colour,
      active: values.active ? 1 : 0,
      user_id: values.userId,
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .executeTakeFirst()
  if (updated.numUpdatedRows === 0n) {
    throw new DomainError('not_found', 'That therapist no longer exists.')
  }
  await writeDetails(db, id, values)
}

export async function addTimeOff(
  db: Kysely<DB>,
  input: {
    therapistId: number
    startsOn: string
    endsOn: string
    reason: string
    fromTime?: string | null
    untilTime?: string | null
  },
  now: Date,
): Promise<number> {
  const exists = await db
    .selectFrom('therapists')
    .select('id')
    .where('id', '=', input.therapistId)
    .executeTakeFirst()
  if (!exists) throw new DomainError('not_found', 'That therapist no longer exists.')
  const { id } = await db
    .insertInto('therapist_time_off')
    .values({
      therapist_id: input.therapistId,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      reason: input.reason,
      from_time: input.fromTime ?? null,
      until_time: input.untilTime ?? null,
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function removeTimeOff(db: Kysely<DB>, id: number): Promise<number> {
  const row = await db
    .deleteFrom('therapist_time_off')
    .where('id', '=', id)
    .returning('therapist_id')
    .executeTakeFirst()
  if (!row) throw new DomainError('not_found', 'That time off was already removed.')
  return row.therapist_id
}
