import type { Kysely } from 'kysely'
import type { Exercise } from '../../../shared/contract/exercises'
import type { DB } from '../../db/schema'
import { unreferencedAttachments } from '../../db/attachment-references'
import { DomainError } from '../domain-error'
import { checkAttachment, storeBlob } from '../notes/attachments'

type Row = {
  id: number
  name: string
  instructions: string
  picture_sha256: string | null
  active: number
}

const exerciseOf = (r: Row): Exercise => ({
  id: r.id,
  name: r.name,
  instructions: r.instructions,
  hasPicture: r.picture_sha256 !== null,
  active: r.active === 1,
})

/** The library, by name; retired exercises only when asked for. */
export async function listExercises(db: Kysely<DB>, includeInactive: boolean): Promise<Exercise[]> {
  let q = db
    .selectFrom('exercises')
    .select(['id', 'name', 'instructions', 'picture_sha256', 'active'])
    .orderBy('name')
  if (!includeInactive) q = q.where('active', '=', 1)
  return (await q.execute()).map(exerciseOf)
}

/**
 * Adds or changes an exercise (the owner's library). `picture`: a PNG or JPEG to show on the
 * sheet (stored in the attachments store by content hash, checked by its first bytes like a
 * note's attachment); null removes it; left out keeps it. `unusedFiles`: the replaced
 * picture's file when nothing else names it, for the caller to remove after commit.
 * Errors: not_found, rule_broken (a picture that is not a PNG or JPEG, or too big).
 */
export async function saveExercise(
  db: Kysely<DB>,
  attachmentsDir: string,
  input: {
    id?: number | undefined
    name: string
    instructions: string
    active: boolean
    picture?: { filename: string; base64: string } | null | undefined
  },
  now: Date,
): Promise<{ exercise: Exercise; unusedFiles: string[] }> {
  let picture: { picture_sha256: string | null; picture_mime: string | null } | object = {}
  if (input.picture === null) picture = { picture_sha256: null, picture_mime: null }
  else if (input.picture) {
    const data = Buffer.from(input.picture.base64, 'base64')
    const { mime } = checkAttachment(input.picture.filename, data)
    if (mime !== 'image/png' && mime !== 'image/jpeg') {
      throw new DomainError('rule_broken', 'A picture must be a PNG or JPEG image.', [
        { path: 'picture', message: 'Choose a PNG or JPEG image' },
      ])
    }
    picture = { picture_sha256: storeBlob(attachmentsDir, data), picture_mime: mime }
  }
  const at = now.toISOString()
  const values = {
    name: input.name,
    instructions: input.instructions,
    active: input.active ? 1 : 0,
  }
  let id = input.id
  let replaced: string | null = null
  if (id) {
    if ('picture_sha256' in picture) {
      const before = await db
        .selectFrom('exercises')
        .select('picture_sha256')
        .where('id', '=', id)
        .executeTakeFirst()
      replaced = before?.picture_sha256 ?? null
    }
    const done = await db
      .updateTable('exercises')
      .set({ ...values, ...picture, updated_at: at })
      .where('id', '=', id)
      .executeTakeFirst()
    if (done.numUpdatedRows === 0n) throw new DomainError('not_found', 'No such exercise.')
  } else {
    id = (
      await db
        .insertInto('exercises')
        .values({ ...values, ...picture, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  }
  const row = await db
    .selectFrom('exercises')
    .select(['id', 'name', 'instructions', 'picture_sha256', 'active'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  // The old picture's file goes only if nothing else names it: the store is shared with
  // note attachments and kept documents (attachment-references.ts).
  const unusedFiles =
    replaced && replaced !== row.picture_sha256 ? await unreferencedAttachments(db, [replaced]) : []
  return { exercise: exerciseOf(row), unusedFiles }
}

/** The exercises picked for a sheet, in the order picked; an unknown id is refused. */
export async function exercisesForSheet(db: Kysely<DB>, ids: readonly number[]) {
  if (ids.length === 0) return []
  const rows = await db
    .selectFrom('exercises')
    .select(['id', 'name', 'instructions', 'picture_sha256', 'picture_mime'])
    .where('id', 'in', [...ids])
    .execute()
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.map((id) => {
    const row = byId.get(id)
    if (!row) throw new DomainError('not_found', 'One of the chosen exercises no longer exists.')
    return row
  })
}
