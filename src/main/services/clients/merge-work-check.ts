import { createHash } from 'node:crypto'
import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns/format'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import { foreignKeysTo, foreignKeyTarget, idsWhereIn, rowsById, valueOf } from '../../db/table-rows'
import { DomainError } from '../domain-error'
import { getClinicSettings } from '../settings'

/**
 * What a merge moved looked like when it moved: a hash of each moved row (without its
 * client column, which the merge itself changes) and, for every table that refers to a moved
 * table by foreign key, which rows referred to moved rows. Kept in the merge's snapshot so
 * its undo can tell whether anyone worked on what it would move back.
 */
export interface MergeFootprint {
  rows: Record<string, Record<string, string>>
  /** "note_addenda.note_id" -> ids of the rows referring to a moved row. */
  dependants: Record<string, number[]>
}

function rowHash(row: Record<string, unknown>, clientColumn: string): string {
  const { [clientColumn]: _client, ...rest } = row
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex')
}

/** The footprint of the rows a merge moved (see MergeFootprint). */
export async function footprintOf(
  db: Kysely<DB>,
  moved: Record<string, number[]>,
  clientColumnOf: (table: string) => string,
): Promise<MergeFootprint> {
  const footprint: MergeFootprint = { rows: {}, dependants: {} }
  for (const [table, ids] of Object.entries(moved)) {
    if (ids.length === 0) continue
    const rows = await rowsById(db, table, ids)
    footprint.rows[table] = Object.fromEntries(
      rows.map((r) => [String(r.id), rowHash(r, clientColumnOf(table))]),
    )
    // The schema says which tables hang off this one, so one added later is covered too.
    for (const ref of await foreignKeysTo(db, table)) {
      footprint.dependants[`${ref.table}.${ref.column}`] = await idsWhereIn(
        db,
        ref.table,
        ref.column,
        ids,
      )
    }
  }
  return footprint
}

const NOUNS: Record<string, string> = {
  appointments: 'the appointment',
  notes: 'the treatment note',
  client_alerts: 'a medical alert',
  health_questionnaires: 'a health questionnaire',
  waitlist: 'a waiting-list entry',
  client_packages: 'a package',
}
const DEPENDANT_NOUNS: Record<string, string> = {
  notes: 'a treatment note written on',
  note_addenda: 'an addendum added to',
  note_attachments: 'a file attached to',
  appointment_history: 'a change recorded on',
  package_sessions: 'a session used from',
}

async function describe(db: Kysely<DB>, table: string, id: number, zone: string): Promise<string> {
  const when = (iso: string) => format(new TZDate(iso, zone), "EEE d MMM yyyy 'at' HH:mm")
  if (table === 'appointments') {
    const a = await db
      .selectFrom('appointments')
      .select('starts_at')
      .where('id', '=', id)
      .executeTakeFirst()
    return a ? `the appointment on ${when(a.starts_at)}` : `appointment #${id}`
  }
  if (table === 'notes') {
    const n = await db
      .selectFrom('notes')
      .select('session_at')
      .where('id', '=', id)
      .executeTakeFirst()
    return n ? `the treatment note of ${when(n.session_at)}` : `treatment note #${id}`
  }
  return `${NOUNS[table] ?? `a ${table.replaceAll('_', ' ')} row`} (#${id})`
}

/**
 * Refuses an undo once anything the merge moved has been worked on: a moved row changed
 * (an appointment completed, a note saved or signed), or a row now refers to a moved one
 * that did not at the merge (a note written on a moved appointment, an addendum). Moving
 * the records back would split that work from what it belongs to, e.g. a signed note left
 * on one record pointing at the other record's appointment. The message names each item.
 */
export async function assertNotWorkedOnSince(
  db: Kysely<DB>,
  moved: Record<string, number[]>,
  then: MergeFootprint,
  clientColumnOf: (table: string) => string,
): Promise<void> {
  const now = await footprintOf(db, moved, clientColumnOf)
  const { timeZone } = await getClinicSettings(db)
  const found: string[] = []
  for (const [table, hashes] of Object.entries(then.rows)) {
    for (const [id, hash] of Object.entries(hashes)) {
      if (now.rows[table]?.[id] !== hash) {
        found.push(`${await describe(db, table, Number(id), timeZone)} was changed`)
      }
    }
  }
  for (const [key, ids] of Object.entries(now.dependants)) {
    const before = new Set(then.dependants[key] ?? [])
    const [table = '', column = ''] = key.split('.')
    for (const id of ids.filter((i) => !before.has(i))) {
      const parent = (await valueOf(db, table, column, id))!
      const target = (await foreignKeyTarget(db, table, column)) ?? ''
      const noun = DEPENDANT_NOUNS[table] ?? `a ${table.replaceAll('_', ' ')} row on`
      found.push(`${noun} ${await describe(db, target, parent, timeZone)}`)
    }
  }
  if (found.length === 0) return
  throw new DomainError(
    'conflict',
    `This merge can no longer be undone: since it, work was done on records it moved (${found.join('; ')}). Undoing would leave that work on the wrong client. Correct the records by hand instead.`,
  )
}
