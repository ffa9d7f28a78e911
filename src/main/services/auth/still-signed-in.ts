import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import type { Actor } from '../actor'

/**
 * Whether a window's signed-in session still stands in the database of the moment: the
 * account exists under the same id and username, is active, and has the same role.
 * One primary-key read per call.
 */
export async function isStillSignedIn(db: Kysely<DB>, session: Actor): Promise<boolean> {
  const user = await db
    .selectFrom('users')
    .select(['username', 'role', 'active'])
    .where('id', '=', session.userId)
    .executeTakeFirst()
  return (
    user !== undefined &&
    user.active === 1 &&
    user.role === session.role &&
    user.username === session.username
  )
}
