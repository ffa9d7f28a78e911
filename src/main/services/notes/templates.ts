import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { NoteTemplate, templateInput } from '../../../shared/contract/notes'
import type { TemplateField } from '../../../shared/notes/default-templates'
import type { DB } from '../../db/schema'
import { DomainError } from '../domain-error'

function toTemplate(row: {
  id: number
  name: string
  description: string
  fields: string
  active: number
}): NoteTemplate {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    fields: JSON.parse(row.fields) as TemplateField[],
    active: row.active === 1,
  }
}

export async function listTemplates(
  db: Kysely<DB>,
  includeInactive: boolean,
): Promise<NoteTemplate[]> {
  let q = db.selectFrom('note_templates').selectAll().orderBy('sort_order').orderBy('id')
  if (!includeInactive) q = q.where('active', '=', 1)
  return (await q.execute()).map(toTemplate)
}

export async function requireTemplate(db: Kysely<DB>, id: number): Promise<NoteTemplate> {
  const row = await db
    .selectFrom('note_templates')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw new DomainError('not_found', 'That note template no longer exists.')
  return toTemplate(row)
}

/**
 * Adds or changes a template. Notes keep a copy of the fields they were started with, so
 * renaming or removing a field here never reshapes a note already written.
 */
export async function saveTemplate(
  db: Kysely<DB>,
  input: z.output<typeof templateInput>,
  now: Date,
): Promise<NoteTemplate> {
  const clash = await db
    .selectFrom('note_templates')
    .select('id')
    .where('name', '=', input.name)
    .executeTakeFirst()
  if (clash && clash.id !== input.id) {
    throw new DomainError('conflict', `There is already a template called “${input.name}”.`, [
      { path: 'name', message: 'Choose another name' },
    ])
  }
  const values = {
    name: input.name,
    description: input.description,
    fields: JSON.stringify(input.fields),
    active: input.active ? 1 : 0,
    updated_at: now.toISOString(),
  }
  let id = input.id
  if (id === undefined) {
    const last = await db
      .selectFrom('note_templates')
      .select((eb) => eb.fn.max('sort_order').as('m'))
      .executeTakeFirst()
    const row = await db
      .insertInto('note_templates')
      .values({ ...values, sort_order: Number(last?.m ?? 0) + 1, created_at: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow()
    id = row.id
  } else {
    const r = await db.updateTable('note_templates').set(values).where('id', '=', id).execute()
    if (Number(r[0]?.numUpdatedRows ?? 0) === 0) {
      throw new DomainError('not_found', 'That note template no longer exists.')
    }
  }
  return requireTemplate(db, id)
}

/**
 * A template no note uses is deleted. One that notes were written on is retired instead:
 * hidden from new notes, while those notes keep their own copy of its fields and name.
 */
export async function deleteTemplate(
  db: Kysely<DB>,
  id: number,
  now: Date,
): Promise<{ template: NoteTemplate; outcome: 'deleted' | 'retired' }> {
  const template = await requireTemplate(db, id)
  const used = await db
    .selectFrom('notes')
    .select('id')
    .where('template_id', '=', id)
    .limit(1)
    .executeTakeFirst()
  if (used) {
    await db
      .updateTable('note_templates')
      .set({ active: 0, updated_at: now.toISOString() })
      .where('id', '=', id)
      .execute()
    return { template, outcome: 'retired' }
  }
  await db.deleteFrom('note_templates').where('id', '=', id).execute()
  return { template, outcome: 'deleted' }
}
