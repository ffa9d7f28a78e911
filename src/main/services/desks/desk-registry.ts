import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { PairedDesk } from '../../../shared/contract/network'
import type { DB } from '../../db/schema'
import { DomainError } from '../domain-error'

/** A desk's credential is 32 random bytes; the host keeps only its SHA-256. */
export function hashDeskToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export interface DeskRow {
  id: number
  name: string
}

function toPaired(row: {
  id: number
  name: string
  paired_at: string
  last_seen_at: string | null
  last_address: string | null
}): PairedDesk {
  return {
    id: row.id,
    name: row.name,
    pairedAt: row.paired_at,
    lastSeenAt: row.last_seen_at,
    lastAddress: row.last_address,
  }
}

/** Records a newly paired desk; returns its id and the credential to hand it (once). */
export async function addDesk(
  db: Kysely<DB>,
  name: string,
  address: string,
  now: Date,
): Promise<{ id: number; token: string }> {
  const token = randomBytes(32).toString('base64url')
  const row = await db
    .insertInto('desks')
    .values({
      name,
      token_hash: hashDeskToken(token),
      paired_at: now.toISOString(),
      last_address: address,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, token }
}

/** The desk holding this credential, or null if unknown or revoked. */
export async function findDesk(db: Kysely<DB>, token: string): Promise<DeskRow | null> {
  const row = await db
    .selectFrom('desks')
    .select(['id', 'name'])
    .where('token_hash', '=', hashDeskToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return row ?? null
}

/** Notes when and from where a desk last called. */
export async function touchDesk(
  db: Kysely<DB>,
  id: number,
  address: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('desks')
    .set({ last_seen_at: now.toISOString(), last_address: address })
    .where('id', '=', id)
    .execute()
}

/** Paired desks that have not been revoked, by name. */
export async function listDesks(db: Kysely<DB>): Promise<PairedDesk[]> {
  const rows = await db
    .selectFrom('desks')
    .select(['id', 'name', 'paired_at', 'last_seen_at', 'last_address'])
    .where('revoked_at', 'is', null)
    .orderBy('name')
    .execute()
  return rows.map(toPaired)
}

async function liveDesk(db: Kysely<DB>, id: number) {
  const row = await db
    .selectFrom('desks')
    .select(['id', 'name', 'paired_at', 'last_seen_at', 'last_address'])
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  if (!row) throw new DomainError('not_found', 'That computer is not paired with this clinic.')
  return row
}

export async function renameDesk(db: Kysely<DB>, id: number, name: string): Promise<PairedDesk> {
  await liveDesk(db, id)
  await db.updateTable('desks').set({ name }).where('id', '=', id).execute()
  return toPaired(await liveDesk(db, id))
}

/** Revokes a desk: its credential stops working on its very next call. Returns its name. */
export async function revokeDesk(db: Kysely<DB>, id: number, now: Date): Promise<string> {
  const { name } = await liveDesk(db, id)
  await db
    .updateTable('desks')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', id)
    .execute()
  return name
}
