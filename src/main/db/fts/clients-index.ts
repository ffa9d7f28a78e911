import type { Kysely, OperandValueExpressionOrList } from 'kysely'
import type { DB } from '../schema'

// clients_search is an FTS5 trigram table (migration 0100): rowid = clients.id, one document
// of a client's folded names, contact details and phone digits. Every write to it is here;
// what goes into a document is services/clients/normalise.ts (searchDocument), and the
// tiered search that reads it is db/client-search-sql.ts.

export interface ClientDocument {
  names: string
  contact: string
  phones: string
}

/** Replaces one client's document (none when `document` is null: a merged-away record). */
export async function putClientDocument(
  db: Kysely<DB>,
  clientId: number,
  document: ClientDocument | null,
): Promise<void> {
  await removeClientDocuments(db, [clientId])
  if (document) {
    await db
      .insertInto('clients_search')
      .values({ rowid: clientId, ...document })
      .execute()
  }
}

/** Removes the documents of these clients: ids, or a subquery selecting them (an import batch). */
export async function removeClientDocuments(
  db: Kysely<DB>,
  clientIds: OperandValueExpressionOrList<DB, 'clients_search', 'rowid'>,
): Promise<void> {
  if (Array.isArray(clientIds) && clientIds.length === 0) return
  await db.deleteFrom('clients_search').where('rowid', 'in', clientIds).execute()
}

/** Rebuilds the whole index from these documents, 500 rows to a statement (4 values each,
 * well under SQLite's 32,766 bound parameters). */
export async function replaceAllClientDocuments(
  db: Kysely<DB>,
  documents: ({ rowid: number } & ClientDocument)[],
): Promise<void> {
  await db.deleteFrom('clients_search').execute()
  for (let i = 0; i < documents.length; i += 500) {
    await db
      .insertInto('clients_search')
      .values(documents.slice(i, i + 500))
      .execute()
  }
}
