import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import { dummySecretHash, verifySecret } from './passwords'
import { getSecuritySettings } from './security-settings'
import { findUserByUsername, type UserRow } from '../users/users'

/** A successful sign-in: the failure count starts again and the staff list shows when. */
export async function recordSignIn(db: Kysely<DB>, userId: number, now: Date): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_attempts: 0, locked_until: null, last_sign_in_at: now.toISOString() })
    .where('id', '=', userId)
    .execute()
}

export type CredentialCheck =
  | { kind: 'ok'; user: UserRow }
  | { kind: 'failed'; user: UserRow | null }
  /** Already locked out before this attempt: the secret was not even checked. */
  | { kind: 'locked'; user: UserRow; lockedUntil: string }
  /** This attempt was the last one allowed: the account is now locked out. */
  | { kind: 'now-locked'; user: UserRow; lockedUntil: string }

function lockedUntil(user: UserRow, now: Date): string | null {
  return user.locked_until && user.locked_until > now.toISOString() ? user.locked_until : null
}

/**
 * Checks a secret for a known user, counting failures towards the lockout. The counts are
 * written in the caller's transaction, which must commit even when the check fails, so
 * callers return the outcome rather than throwing.
 */
export async function checkUserSecret(
  db: Kysely<DB>,
  user: UserRow,
  secret: string,
  now: Date,
  options: { allowPin: boolean },
): Promise<CredentialCheck> {
  const until = lockedUntil(user, now)
  if (until) return { kind: 'locked', user, lockedUntil: until }

  const passwordOk = await verifySecret(secret, user.password_hash)
  const pinOk =
    !passwordOk && options.allowPin && user.pin_hash !== null && /^\d{4,6}$/.test(secret)
      ? await verifySecret(secret, user.pin_hash)
      : false
  if (passwordOk || pinOk) {
    await recordSignIn(db, user.id, now)
    return { kind: 'ok', user }
  }

  const policy = await getSecuritySettings(db)
  const failures = user.failed_attempts + 1
  if (failures >= policy.maxFailedAttempts) {
    const until = new Date(now.getTime() + policy.lockoutMinutes * 60_000).toISOString()
    await db
      .updateTable('users')
      .set({ failed_attempts: 0, locked_until: until })
      .where('id', '=', user.id)
      .execute()
    return { kind: 'now-locked', user, lockedUntil: until }
  }
  await db
    .updateTable('users')
    .set({ failed_attempts: failures })
    .where('id', '=', user.id)
    .execute()
  return { kind: 'failed', user }
}

export async function checkCredentials(
  db: Kysely<DB>,
  username: string,
  password: string,
  now: Date,
): Promise<CredentialCheck> {
  const user = await findUserByUsername(db, username)
  if (!user || user.active !== 1) {
    // Spend the same time as a real check, so timing does not reveal which names exist.
    await verifySecret(password, await dummySecretHash())
    return { kind: 'failed', user: null }
  }
  return checkUserSecret(db, user, password, now, { allowPin: false })
}
