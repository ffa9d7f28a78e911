import type { Kysely } from 'kysely'
import type { MethodName } from '../../shared/contract'
import type { RpcResult } from '../../shared/rpc'
import type { DB } from '../db/schema'
import { findUserByUsername } from '../services/users/users'
import type { Session } from './context'

/** While the database is damaged, anyone may still see where they stand, and leave. */
const ANYONE: ReadonlySet<string> = new Set<MethodName>([
  'auth.status',
  'auth.lock',
  'auth.signOut',
  'auth.heartbeat',
  'backups.health',
])

/** …and the owner may do what a restore needs: sign in, look at the backups, restore. */
const OWNER: ReadonlySet<string> = new Set<MethodName>([
  'auth.signIn',
  'auth.unlock',
  'backups.list',
  'backups.settings',
  'backups.job',
  'backups.restore',
])

export const DAMAGED_MESSAGE =
  'Plinth found damage in the clinic’s database, so nothing can be read or saved until the ' +
  'owner restores a backup (Settings → Backups). What you typed is still on screen.'

const OWNER_ONLY_MESSAGE =
  'Plinth found damage in the clinic’s database. Only the clinic owner can sign in now, to restore a backup.'

/**
 * Issue 12: once the integrity check has failed, sign-in and writes must not go on against
 * the damaged file. Until a restore replaces it, main answers only the calls above; the
 * owner is told apart from other staff by reading the users table, never by writing to it
 * (a refused sign-in leaves no failed-attempt count behind).
 *
 * @returns the refusal, or null when the call may go ahead
 */
export async function damageRefusal(
  method: MethodName,
  input: unknown,
  session: Session | null,
  /** Runs a read on the live database (borrowed as the router borrows it for a command). */
  read: <T>(fn: (db: Kysely<DB>) => Promise<T>) => Promise<T>,
): Promise<RpcResult | null> {
  if (ANYONE.has(method)) return null
  if (OWNER.has(method)) {
    if (method === 'auth.signIn') {
      const username = (input as { username?: unknown } | null)?.username
      const user =
        typeof username === 'string' && username.length <= 40
          ? await read((db) => findUserByUsername(db, username)).catch(() => undefined)
          : undefined
      if (user?.role === 'owner') return null
      return { ok: false, error: { code: 'forbidden', message: OWNER_ONLY_MESSAGE } }
    }
    if (session?.role === 'owner') return null
    return { ok: false, error: { code: 'forbidden', message: OWNER_ONLY_MESSAGE } }
  }
  return { ok: false, error: { code: 'forbidden', message: DAMAGED_MESSAGE } }
}
