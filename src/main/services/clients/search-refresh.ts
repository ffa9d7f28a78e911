import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import { CLIENT_SEARCH_VERSION, normalisedColumns, searchDocument } from './normalise'

const NAME = 'clients'

/**
 * Rebuilds every client's *_norm columns and trigram search document when they were built by
 * older normalisers (search_versions.clients < CLIENT_SEARCH_VERSION, or no row yet), so a
 * change of folding or phone rules reaches existing rows: Michał Białek, typed before ł was
 * folded, is found by "bialek" after the next open. One transaction; a no-op when current.
 * Returns how many clients were rebuilt, or null when nothing needed doing.
 */
export async function refreshClientSearch(db: Kysely<DB>, now: Date): Promise<number | null> {
  const row = await db
    .selectFrom('search_versions')
    .select('version')
    .where('name', '=', NAME)
    .executeTakeFirst()
  if (row && row.version >= CLIENT_SEARCH_VERSION) return null
  return db.transaction().execute(async (trx) => {
    const clients = await trx
      .selectFrom('clients')
      .select([
        'id',
        'first_name',
        'last_name',
        'preferred_name',
        'mobile',
        'other_phone',
        'email',
        'postcode',
        'merged_into_id',
      ])
      .execute()
    await trx.deleteFrom('clients_search').execute()
    for (const c of clients) {
      await trx.updateTable('clients').set(normalisedColumns(c)).where('id', '=', c.id).execute()
      // Merged-away records stay out of the index (as reindexClient keeps them).
      if (c.merged_into_id === null) {
        await trx
          .insertInto('clients_search')
          .values({ rowid: c.id, ...searchDocument(c) })
          .execute()
      }
    }
    await trx
      .insertInto('search_versions')
      .values({ name: NAME, version: CLIENT_SEARCH_VERSION, rebuilt_at: now.toISOString() })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({
          version: CLIENT_SEARCH_VERSION,
          rebuilt_at: now.toISOString(),
        }),
      )
      .execute()
    return clients.length
  })
}
