import type { Kysely, Updateable } from 'kysely'
import type { ClientValues } from '../../../shared/contract/clients'
import type { ClientsTable, DB } from '../../db/schema'
import { repointAll, repointRows } from '../../db/table-rows'
import { DomainError } from '../domain-error'
import type { Actor } from '../actor'
import { refreshAlertSummary } from './alerts'
import { displayNameOf, requireLiveClient, type ClientRow } from './client-record'
import { normalisedColumns } from './normalise'
import { reindexClient } from './search-index'
import { moveNotesInSearch } from '../notes/note-search'
import { bumpRevision } from '../revisions'
import { assertNotWorkedOnSince, footprintOf, type MergeFootprint } from './merge-work-check'

/**
 * Every table whose rows belong to a client, moved to the kept record by a merge (and back
 * by its undo). Notes' attachments and addenda hang off the note, so they follow it. A
 * signed note may only move between a record and the one it is merged into: migration 0600
 * checks that in the database, so merged_into_id is set before the move and cleared after
 * the move back.
 */
export const CLIENT_OWNED_TABLES: { table: string; column: string }[] = [
  { table: 'client_alerts', column: 'client_id' },
  { table: 'health_questionnaires', column: 'client_id' },
  { table: 'appointments', column: 'client_id' },
  { table: 'waitlist', column: 'client_id' },
  { table: 'notes', column: 'client_id' },
  // Money (migration 0800): the database lets issued rows move only along a merge.
  { table: 'invoices', column: 'client_id' },
  { table: 'credit_notes', column: 'client_id' },
  { table: 'ledger_entries', column: 'client_id' },
  { table: 'gift_vouchers', column: 'client_id' },
  // Packages (migration 0850): sold packages and their sessions, allowed to move only so.
  { table: 'client_packages', column: 'client_id' },
  { table: 'package_sessions', column: 'client_id' },
  // Messages (migration 1100): the outbox and its history follow the client.
  { table: 'messages', column: 'client_id' },
  // Runners (migration 1200): measures, range of motion and training load.
  { table: 'client_measures', column: 'client_id' },
  { table: 'client_documents', column: 'client_id' },
]

/**
 * Tables with a client_id that a merge does not move itself: balances kept by triggers
 * (migration 0870) from the invoices and ledger entries above, which follow them when they move.
 */
export const CLIENT_DERIVED_TABLES = ['client_balances', 'invoice_balances']

type Column = keyof ClientsTable
const FIELD_COLUMNS: Record<keyof ClientValues, Column[]> = {
  title: ['title'],
  firstName: ['first_name'],
  lastName: ['last_name'],
  preferredName: ['preferred_name'],
  dateOfBirth: ['date_of_birth'],
  gender: ['gender'],
  mobile: ['mobile'],
  otherPhone: ['other_phone'],
  email: ['email'],
  address: ['address'],
  postcode: ['postcode'],
  occupation: ['occupation'],
  emergencyName: ['emergency_name'],
  emergencyRelationship: ['emergency_relationship'],
  emergencyPhone: ['emergency_phone'],
  gpName: ['gp_name'],
  gpPractice: ['gp_practice'],
  gpAddress: ['gp_address'],
  referralSource: ['referral_source'],
  notes: ['notes'],
  tags: ['tags'],
  sports: ['sports'],
  weeklyTraining: ['weekly_training'],
  weeklyKm: ['weekly_km'],
  longestRunKm: ['longest_run_km'],
  runsPerWeek: ['runs_per_week'],
  eventDistanceKm: ['event_distance_km'],
  eventName: ['event_name'],
  eventDate: ['event_date'],
  goals: ['goals'],
  // A consent keeps its own when-and-who: taking it from the other record takes those too.
  consentTreatment: ['consent_treatment_at', 'consent_treatment_by'],
  consentDataNotice: ['consent_data_notice_at', 'consent_data_notice_by'],
  marketingEmail: ['marketing_email_at', 'marketing_email_by'],
  marketingSms: ['marketing_sms_at', 'marketing_sms_by'],
}

interface MergeSnapshot {
  kept: ClientRow
  merged: Pick<ClientRow, 'archived_at' | 'archived_by'>
  moved: Record<string, number[]>
  /** Absent from merges made before undo checked for work done since (issue 11, item 21). */
  footprint?: MergeFootprint
}

const clientColumnOf = (table: string): string =>
  CLIENT_OWNED_TABLES.find((t) => t.table === table)?.column ?? 'client_id'

export async function mergeClients(
  db: Kysely<DB>,
  { keepId, mergeId, take }: { keepId: number; mergeId: number; take: string[] },
  actor: Actor,
  now: Date,
): Promise<{ mergeId: number; summary: string }> {
  if (keepId === mergeId) {
    throw new DomainError('rule_broken', 'Choose two different client records to merge.')
  }
  const kept = await requireLiveClient(db, keepId)
  const merged = await requireLiveClient(db, mergeId)
  const at = now.toISOString()

  const taken: Record<string, unknown> = {}
  for (const field of take as (keyof ClientValues)[]) {
    for (const column of FIELD_COLUMNS[field]) taken[column] = merged[column]
  }
  const result = { ...kept, ...taken } as ClientRow
  await db
    .updateTable('clients')
    .set({
      ...(taken as Updateable<ClientsTable>),
      ...normalisedColumns(result),
      updated_at: at,
      updated_by: actor.userId,
    })
    .where('id', '=', keepId)
    .execute()

  await db
    .updateTable('clients')
    .set({
      merged_into_id: keepId,
      archived_at: merged.archived_at ?? at,
      archived_by: merged.archived_by ?? actor.userId,
      updated_at: at,
      updated_by: actor.userId,
    })
    .where('id', '=', mergeId)
    .execute()

  const moved: Record<string, number[]> = {}
  for (const { table, column } of CLIENT_OWNED_TABLES) {
    moved[table] = await repointAll(db, table, column, mergeId, keepId)
  }
  await moveNotesInSearch(db, moved['notes'] ?? [], keepId)

  const snapshot: MergeSnapshot = {
    kept,
    merged: { archived_at: merged.archived_at, archived_by: merged.archived_by },
    moved,
    footprint: await footprintOf(db, moved, clientColumnOf),
  }
  const row = await db
    .insertInto('client_merges')
    .values({
      kept_id: keepId,
      merged_id: mergeId,
      at,
      by: actor.userId,
      snapshot: JSON.stringify(snapshot),
    })
    .returning('id')
    .executeTakeFirstOrThrow()

  for (const id of [keepId, mergeId]) {
    await reindexClient(db, id)
    await refreshAlertSummary(db, id)
    // Fields were taken over: a client form opened before the merge must not save over them.
    await bumpRevision(db, 'client', id)
  }
  return {
    mergeId: row.id,
    summary: `Merged client #${mergeId} (${displayNameOf(merged)}) into this record`,
  }
}

/**
 * Puts both records back as they were. Refused once the kept record has been edited since
 * (undoing would silently throw that edit away) or merged onward, and once anything the
 * merge moved has been worked on (see assertNotWorkedOnSince: a note signed on a moved
 * appointment would otherwise stay on the kept record, pointing at the other's appointment).
 */
export async function undoMerge(
  db: Kysely<DB>,
  id: number,
  actor: Actor,
  now: Date,
): Promise<{ keptId: number; restoredId: number }> {
  const merge = await db
    .selectFrom('client_merges')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (!merge) throw new DomainError('not_found', 'No such merge.')
  if (merge.undone_at) throw new DomainError('conflict', 'This merge has already been undone.')
  const kept = await requireLiveClient(db, merge.kept_id)
  if (kept.updated_at !== merge.at) {
    throw new DomainError(
      'conflict',
      'The kept record has been changed since the merge, so undoing it would lose those changes.',
    )
  }
  const snapshot = JSON.parse(merge.snapshot) as MergeSnapshot
  await assertNotWorkedOnSince(
    db,
    snapshot.moved,
    snapshot.footprint ?? (await legacyFootprint(db, snapshot.moved)),
    clientColumnOf,
  )
  const { id: _id, ...before } = snapshot.kept
  await db.updateTable('clients').set(before).where('id', '=', merge.kept_id).execute()
  for (const [table, ids] of Object.entries(snapshot.moved)) {
    const column = clientColumnOf(table)
    await repointRows(db, table, column, ids, merge.merged_id)
  }
  await moveNotesInSearch(db, snapshot.moved['notes'] ?? [], merge.merged_id)
  await db
    .updateTable('clients')
    .set({
      merged_into_id: null,
      archived_at: snapshot.merged.archived_at,
      archived_by: snapshot.merged.archived_by,
      updated_at: now.toISOString(),
      updated_by: actor.userId,
    })
    .where('id', '=', merge.merged_id)
    .execute()
  await db
    .updateTable('client_merges')
    .set({ undone_at: now.toISOString(), undone_by: actor.userId })
    .where('id', '=', id)
    .execute()
  for (const clientId of [merge.kept_id, merge.merged_id]) {
    await reindexClient(db, clientId)
    await refreshAlertSummary(db, clientId)
    await bumpRevision(db, 'client', clientId)
  }
  return { keptId: merge.kept_id, restoredId: merge.merged_id }
}

/**
 * For a merge recorded before footprints were kept: its moved rows count as unchanged, and
 * only the rows that refer to a moved row from outside what was moved (a note on a moved
 * appointment written on the kept record) count as work done since.
 */
async function legacyFootprint(
  db: Kysely<DB>,
  moved: Record<string, number[]>,
): Promise<MergeFootprint> {
  const now = await footprintOf(db, moved, clientColumnOf)
  const dependants: Record<string, number[]> = {}
  for (const [key, ids] of Object.entries(now.dependants)) {
    const table = key.split('.')[0]!
    const movedHere = new Set(moved[table] ?? [])
    dependants[key] = CLIENT_OWNED_TABLES.some((t) => t.table === table)
      ? ids.filter((id) => movedHere.has(id))
      : ids
  }
  return { rows: now.rows, dependants }
}
