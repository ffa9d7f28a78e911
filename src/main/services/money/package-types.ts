import type { Kysely } from 'kysely'
import type { PackageType } from '../../../shared/contract/packages'
import type { DB } from '../../db/schema'
import { DomainError } from '../domain-error'

export interface PackageTypeInput {
  id?: number | undefined
  name: string
  serviceIds: number[]
  sessions: number
  pricePence: number
  validMonths: number
  active: boolean
}

/** The owner's package types, active first then by name, with their services in order. */
export async function listPackageTypes(
  db: Kysely<DB>,
  includeRetired: boolean,
): Promise<PackageType[]> {
  let q = db
    .selectFrom('package_types as t')
    .selectAll('t')
    .select((eb) =>
      eb
        .selectFrom('client_packages as p')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('p.package_type_id', '=', 't.id')
        .as('sold'),
    )
    .orderBy('t.active', 'desc')
    .orderBy('t.name')
  if (!includeRetired) q = q.where('t.active', '=', 1)
  const types = await q.execute()
  if (types.length === 0) return []
  const services = await db
    .selectFrom('package_type_services as ps')
    .innerJoin('services as s', 's.id', 'ps.service_id')
    .select(['ps.package_type_id', 'ps.service_id', 's.name'])
    .where(
      'ps.package_type_id',
      'in',
      types.map((t) => t.id),
    )
    .orderBy('ps.position')
    .execute()
  return types.map((t) => {
    const own = services.filter((s) => s.package_type_id === t.id)
    return {
      id: t.id,
      name: t.name,
      serviceIds: own.map((s) => s.service_id),
      serviceNames: own.map((s) => s.name),
      sessions: t.sessions,
      pricePence: t.price_pence,
      validMonths: t.valid_months,
      active: t.active === 1,
      sold: Number(t.sold ?? 0),
    }
  })
}

export async function getPackageType(db: Kysely<DB>, id: number): Promise<PackageType> {
  const found = (await listPackageTypes(db, true)).find((t) => t.id === id)
  if (!found) throw new DomainError('not_found', 'No such package.')
  return found
}

/**
 * Adds or changes a package type. Packages already sold keep the terms they were sold with
 * (their own copy), so a change here, or retiring the type, affects only later sales.
 */
export async function savePackageType(
  db: Kysely<DB>,
  input: PackageTypeInput,
  now: Date,
): Promise<PackageType> {
  const services = await db
    .selectFrom('services')
    .select('id')
    .where('id', 'in', input.serviceIds)
    .execute()
  if (services.length !== input.serviceIds.length) {
    throw new DomainError('not_found', 'One of those services no longer exists.', [
      { path: 'serviceIds', message: 'Choose the services again' },
    ])
  }
  const at = now.toISOString()
  const values = {
    name: input.name,
    sessions: input.sessions,
    price_pence: input.pricePence,
    valid_months: input.validMonths,
    active: input.active ? 1 : 0,
    updated_at: at,
  }
  let id: number
  if (input.id !== undefined) {
    const updated = await db
      .updateTable('package_types')
      .set(values)
      .where('id', '=', input.id)
      .returning('id')
      .executeTakeFirst()
    if (!updated) throw new DomainError('not_found', 'No such package.')
    id = updated.id
    await db.deleteFrom('package_type_services').where('package_type_id', '=', id).execute()
  } else {
    id = (
      await db
        .insertInto('package_types')
        .values({ ...values, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  }
  await db
    .insertInto('package_type_services')
    .values(
      input.serviceIds.map((serviceId, position) => ({
        package_type_id: id,
        service_id: serviceId,
        position,
      })),
    )
    .execute()
  return getPackageType(db, id)
}
