import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import { SEARCHABLE_COLUMNS, searchDocument } from './normalise'

/**
 * Keeps the trigram index (clients_search, rowid = client id) in step with one client.
 * Called by every service that changes a searchable field, in the same transaction.
 * Merged-away records leave the index: they are reachable only through their merge.
 */
export async function reindexClient(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('clients_search').where('rowid', '=', id).execute()
  const client = await db
    .selectFrom('clients')
    .select([...SEARCHABLE_COLUMNS, 'merged_into_id'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!client || client.merged_into_id !== null) return
  await db
    .insertInto('clients_search')
    .values({ rowid: id, ...searchDocument(client) })
    .execute()
}
