import type { Kysely } from 'kysely'
import type { SecuritySettings } from '../../../shared/contract/security'
import type { DB } from '../../db/schema'

export async function getSecuritySettings(db: Kysely<DB>): Promise<SecuritySettings> {
  const row = await db
    .selectFrom('security_settings')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirstOrThrow()
  return {
    idleLockMinutes: row.idle_lock_minutes,
    maxFailedAttempts: row.max_failed_attempts,
    lockoutMinutes: row.lockout_minutes,
    notesAuthorOnly: row.notes_author_only === 1,
  }
}

export async function updateSecuritySettings(
  db: Kysely<DB>,
  input: SecuritySettings,
): Promise<SecuritySettings> {
  await db
    .updateTable('security_settings')
    .set({
      idle_lock_minutes: input.idleLockMinutes,
      max_failed_attempts: input.maxFailedAttempts,
      lockout_minutes: input.lockoutMinutes,
      notes_author_only: input.notesAuthorOnly ? 1 : 0,
    })
    .where('id', '=', 1)
    .execute()
  return getSecuritySettings(db)
}
