import type { Kysely, Selectable } from 'kysely'
import type { Room, Service } from '../../../shared/contract/diary-setup'
import type { DB, RoomsTable, ServicesTable } from '../../db/schema'
import { DomainError } from '../domain-error'

export function toService(r: Selectable<ServicesTable>): Service {
  return {
    id: r.id,
    name: r.name,
    durationMinutes: r.duration_minutes,
    pricePence: r.price_pence,
    bufferAfterMinutes: r.buffer_after_minutes,
    colour: r.colour,
    needsRoom: r.needs_room === 1,
    active: r.active === 1,
  }
}

function toRoom(r: Selectable<RoomsTable>): Room {
  return { id: r.id, name: r.name, active: r.active === 1 }
}

export async function listServices(db: Kysely<DB>, includeInactive: boolean): Promise<Service[]> {
  let q = db.selectFrom('services').selectAll().orderBy('name')
  if (!includeInactive) q = q.where('active', '=', 1)
  return (await q.execute()).map(toService)
}

type ServiceValues = Omit<Service, 'id'>

function serviceRow(v: ServiceValues) {
  return {
    name: v.name,
    duration_minutes: v.durationMinutes,
    price_pence: v.pricePence,
    buffer_after_minutes: v.bufferAfterMinutes,
    colour: v.colour,
    needs_room: v.needsRoom ? 1 : 0,
    active: v.active ? 1 : 0,
  }
}

async function refuseDuplicateName(
  db: Kysely<DB>,
  table: 'services' | 'rooms',
  name: string,
  id: number | null,
) {
  const clash = await db
    .selectFrom(table)
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .where('id', '!=', id ?? -1)
    .executeTakeFirst()
  if (clash) {
    throw new DomainError('conflict', `There is already one called "${name}".`, [
      { path: 'name', message: 'Choose a name not already in use' },
    ])
  }
}

export async function createService(db: Kysely<DB>, v: ServiceValues, now: Date): Promise<Service> {
  await refuseDuplicateName(db, 'services', v.name, null)
  const at = now.toISOString()
  const row = await db
    .insertInto('services')
    .values({ ...serviceRow(v), created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toService(row)
}

export async function updateService(
  db: Kysely<DB>,
  id: number,
  v: ServiceValues,
  now: Date,
): Promise<Service> {
  await refuseDuplicateName(db, 'services', v.name, id)
  const row = await db
    .updateTable('services')
    .set({ ...serviceRow(v), updated_at: now.toISOString() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
  if (!row) throw new DomainError('not_found', 'That service no longer exists.')
  return toService(row)
}

export async function listRooms(db: Kysely<DB>, includeInactive: boolean): Promise<Room[]> {
  let q = db.selectFrom('rooms').selectAll().orderBy('name')
  if (!includeInactive) q = q.where('active', '=', 1)
  return (await q.execute()).map(toRoom)
}

export async function createRoom(
  db: Kysely<DB>,
  v: { name: string; active: boolean },
  now: Date,
): Promise<Room> {
  await refuseDuplicateName(db, 'rooms', v.name, null)
  const at = now.toISOString()
  const row = await db
    .insertInto('rooms')
    .values({ name: v.name, active: v.active ? 1 : 0, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toRoom(row)
}

export async function updateRoom(
  db: Kysely<DB>,
  id: number,
  v: { name: string; active: boolean },
  now: Date,
): Promise<Room> {
  await refuseDuplicateName(db, 'rooms', v.name, id)
  const row = await db
    .updateTable('rooms')
    .set({ name: v.name, active: v.active ? 1 : 0, updated_at: now.toISOString() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
  if (!row) throw new DomainError('not_found', 'That room no longer exists.')
  return toRoom(row)
}
