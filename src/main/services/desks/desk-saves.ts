import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import { DomainError } from '../domain-error'

/** How long a desk's kept save can be resent and still be recognised (0910). */
const KEEP_FOR_MS = 7 * 24 * 60 * 60_000

/**
 * The answer the host gave to a kept save with this request id, if it applied one: the
 * desk resends a save whose answer it never heard, and must get that answer, not a second
 * save (issue 15). Call inside the save's own transaction.
 * @throws DomainError('forbidden') when the id was used for another method or person
 */
export async function earlierAnswer(
  db: Kysely<DB>,
  requestId: string,
  method: string,
  userId: number,
): Promise<{ answer: unknown } | null> {
  const row = await db
    .selectFrom('desk_saves')
    .select(['method', 'user_id', 'answer'])
    .where('request_id', '=', requestId)
    .executeTakeFirst()
  if (!row) return null
  if (row.method !== method || row.user_id !== userId) {
    throw new DomainError('forbidden', 'That save was sent by someone else.')
  }
  return { answer: JSON.parse(row.answer) as unknown }
}

/** Notes that a kept save was applied, in the same transaction as the save. */
export async function noteApplied(
  db: Kysely<DB>,
  requestId: string,
  method: string,
  userId: number,
  answer: unknown,
  now: Date,
): Promise<void> {
  await db
    .deleteFrom('desk_saves')
    .where('applied_at', '<', new Date(now.getTime() - KEEP_FOR_MS).toISOString())
    .execute()
  await db
    .insertInto('desk_saves')
    .values({
      request_id: requestId,
      method,
      user_id: userId,
      answer: JSON.stringify(answer),
      applied_at: now.toISOString(),
    })
    .execute()
}
