import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'

/** A client's history of changes, newest first, from the audit log (never health details). */
export async function clientTimeline(db: Kysely<DB>, clientId: number) {
  const rows = await db
    .selectFrom('audit_log')
    .select(['at', 'username', 'action', 'summary'])
    .where('entity_type', '=', 'client')
    .where('entity_id', '=', String(clientId))
    .orderBy('id', 'desc')
    .limit(200)
    .execute()
  return rows.map((r) => ({ at: r.at, who: r.username, action: r.action, summary: r.summary }))
}
