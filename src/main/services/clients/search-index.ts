import type { Kysely } from 'kysely'
import { putClientDocument } from '../../db/fts/clients-index'
import type { DB } from '../../db/schema'
import { SEARCHABLE_COLUMNS, searchDocument } from './normalise'

/**
 * Keeps the trigram index (clients_search, rowid = client id) in step with one client.
 * Called by every service that changes a searchable field, in the same transaction.
 * Merged-away records leave the index: they are reachable only through their merge.
 */
export async function reindexClient(db: Kysely<DB>, id: number): Promise<void> {
  const client = await db
    .selectFrom('clients')
    .select([...SEARCHABLE_COLUMNS, 'merged_into_id'])
    .where('id', '=', id)
    .executeTakeFirst()
  const live = client && client.merged_into_id === null
  await putClientDocument(db, id, live ? searchDocument(client) : null)
}
