import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import { DomainError } from '../domain-error'

/** Each active service with its aftercare follow-up (days after a completed visit), or null. */
export async function listAftercare(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('services as s')
    .leftJoin('message_aftercare as a', 'a.service_id', 's.id')
    .select(['s.id', 's.name', 'a.days'])
    .where('s.active', '=', 1)
    .orderBy('s.name')
    .execute()
  return rows.map((r) => ({ serviceId: r.id, serviceName: r.name, days: r.days }))
}

export async function saveAftercare(db: Kysely<DB>, serviceId: number, days: number | null) {
  const service = await db
    .selectFrom('services')
    .select('id')
    .where('id', '=', serviceId)
    .executeTakeFirst()
  if (!service) throw new DomainError('not_found', 'That service no longer exists.')
  if (days === null) {
    await db.deleteFrom('message_aftercare').where('service_id', '=', serviceId).execute()
  } else {
    await db
      .insertInto('message_aftercare')
      .values({ service_id: serviceId, days })
      .onConflict((oc) => oc.column('service_id').doUpdateSet({ days }))
      .execute()
  }
  return { serviceId, days }
}
