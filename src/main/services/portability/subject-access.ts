import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import { requireClient } from '../clients/alerts'
import { displayNameOf } from '../clients/client-record'

/** Search columns and the alert cache are derived from the record itself. */
const DERIVED = /_norm$|^alert_summary$/

/**
 * Everything Plinth holds about one client (UK GDPR art. 15): the record, and every row of
 * every table with a client_id column (alerts, questionnaires, and appointments, notes and
 * invoices as they land: found through introspection, not a list kept by hand), the merges
 * it took part in, and the history of the record from the audit log.
 */
export async function subjectAccessRecord(db: Kysely<DB>, clientId: number, now: Date) {
  const client = await requireClient(db, clientId)
  const record = Object.fromEntries(Object.entries(client).filter(([k]) => !DERIVED.test(k)))

  const related: Record<string, unknown[]> = {}
  const tables = await db.introspection.getTables()
  for (const table of tables) {
    if (table.isView || !table.columns.some((c) => c.name === 'client_id')) continue
    related[table.name] = await db
      .selectFrom(table.name as 'client_alerts')
      .selectAll()
      .where('client_id', '=', clientId)
      .execute()
  }
  related['client_merges'] = await db
    .selectFrom('client_merges')
    .select(['id', 'kept_id', 'merged_id', 'at', 'undone_at'])
    .where((eb) => eb.or([eb('kept_id', '=', clientId), eb('merged_id', '=', clientId)]))
    .execute()
  const history = await db
    .selectFrom('audit_log')
    .select(['at', 'username', 'action', 'summary'])
    .where('entity_type', '=', 'client')
    .where('entity_id', '=', String(clientId))
    .orderBy('id')
    .execute()

  return {
    name: displayNameOf(client),
    document: {
      format: 'plinth-subject-access',
      version: 1,
      producedAt: now.toISOString(),
      client: record,
      related,
      history,
    },
  }
}
