import type { Kysely } from 'kysely'
import {
  RECORD_KINDS,
  SINGLETON_KINDS,
  type RecordKind,
  type RevisionUse,
} from '../../shared/contract/revisions'
import type { DB } from '../db/schema'
import { DomainError } from './domain-error'

/** A record's current revision: 1 until its first revisioned save. */
export async function revisionOf(db: Kysely<DB>, kind: RecordKind, id: number): Promise<number> {
  const row = await db
    .selectFrom('record_revisions')
    .select('revision')
    .where('kind', '=', kind)
    .where('record_id', '=', id)
    .executeTakeFirst()
  return row?.revision ?? 1
}

/** Moves a record on one revision (a save, or another change a stale form must not undo). */
export async function bumpRevision(db: Kysely<DB>, kind: RecordKind, id: number): Promise<number> {
  const next = (await revisionOf(db, kind, id)) + 1
  await db
    .insertInto('record_revisions')
    .values({ kind, record_id: id, revision: next })
    .onConflict((oc) => oc.columns(['kind', 'record_id']).doUpdateSet({ revision: next }))
    .execute()
  return next
}

/**
 * The check every revisioned save passes before it writes: the revision the form was based
 * on must still be current. A stale one (the record was saved elsewhere since) is refused
 * with a 'conflict' and the command's transaction writes nothing. Returns the new revision.
 * `base` undefined: a caller that read nothing first (a script); the save is not checked.
 */
export async function claimRevision(
  db: Kysely<DB>,
  kind: RecordKind,
  id: number,
  base: number | undefined,
): Promise<number> {
  const current = await revisionOf(db, kind, id)
  if (base !== undefined && base !== current) {
    throw new DomainError(
      'conflict',
      `${RECORD_KINDS[kind]} changed elsewhere (on another screen or desk) since you opened it, so your changes were not saved. They are still in the form: copy what you need, load the latest version and make them again.`,
    )
  }
  return bumpRevision(db, kind, id)
}

const recordIdOf = (kind: RecordKind, value: unknown): number | undefined =>
  SINGLETON_KINDS.includes(kind) ? 0 : (value as { id?: number } | null)?.id

/**
 * The router's wrapper for a method that touches a revisioned record (contract `revision`):
 * checks and moves on the revision before a save, then adds `revision` to what is answered.
 */
export async function withRevisions<T>(
  db: Kysely<DB>,
  use: RevisionUse,
  input: unknown,
  run: (input: unknown) => Promise<T>,
): Promise<T> {
  let saved: number | null = null
  let rest = input
  if (use.as === 'save') {
    const { baseRevision, ...others } = input as { baseRevision?: number }
    rest = others
    const id = recordIdOf(use.kind, input)
    // A save without an id (a template's first save) creates the record: nothing to check.
    if (id !== undefined) saved = await claimRevision(db, use.kind, id, baseRevision)
  }
  const value = await run(rest)
  const stamp = async (item: unknown) => {
    const id = recordIdOf(use.kind, item)
    if (id === undefined || item === null || typeof item !== 'object') return item
    return { ...item, revision: saved ?? (await revisionOf(db, use.kind, id)) }
  }
  if (use.as === 'list' && Array.isArray(value)) {
    return (await Promise.all(value.map(stamp))) as T
  }
  return (await stamp(value)) as T
}
