import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'

/** The audit entity both "shown" and "kept" entries name, so one index lookup finds them. */
export const RECOVERY_KEY_ENTITY = 'recovery-key'

/**
 * Whether the recovery key was shown and nobody has confirmed since that it is printed: the
 * newest of the two audit entries (`encryption.recoveryKey`, `encryption.recoveryKeyKept`)
 * decides. Read through the audit_log_entity index (entity_type, entity_id), so it stays a
 * few rows whatever the size of the log. A clinic whose key was never shown through this
 * version (set up before it, or in tests) has neither entry and is not reminded.
 */
export async function recoveryKeyUnconfirmed(db: Kysely<DB>): Promise<boolean> {
  const last = await db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_type', '=', 'clinic')
    .where('entity_id', '=', RECOVERY_KEY_ENTITY)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return last?.action === 'encryption.recoveryKey'
}
