import type { Kysely } from 'kysely'
import type { MeasureAnswers, MeasureEntry } from '../../../shared/contract/measures'
import type { ClientMeasuresTable, DB } from '../../db/schema'
import type { Actor } from '../actor'
import { DomainError } from '../domain-error'
import { INSTRUMENT_VERSIONS, scoreOf } from './instruments'

type MeasureRow = Omit<ClientMeasuresTable, 'id'> & { id: number }

export interface RecordMeasureInput {
  clientId: number
  appointmentId: number | null
  takenAt?: string | undefined
  replacesId: number | null
  measure: MeasureAnswers
}

/**
 * Checks a measure's client exists (and is not anonymised) and that its visit, if given, is
 * theirs. Errors: not_found (client, appointment), rule_broken (another client's visit).
 */
export async function requireClientVisit(
  db: Kysely<DB>,
  clientId: number,
  appointmentId: number | null,
): Promise<void> {
  const client = await db
    .selectFrom('clients')
    .select(['id', 'anonymised_at'])
    .where('id', '=', clientId)
    .executeTakeFirst()
  if (!client || client.anonymised_at) throw new DomainError('not_found', 'No such client.')
  if (appointmentId === null) return
  const appt = await db
    .selectFrom('appointments')
    .select('client_id')
    .where('id', '=', appointmentId)
    .executeTakeFirst()
  if (!appt) throw new DomainError('not_found', 'No such appointment.')
  if (appt.client_id !== clientId) {
    throw new DomainError('rule_broken', 'That appointment is another client’s.')
  }
}

/**
 * Records one outcome measure, range-of-motion set or week's training load for a client.
 * A correction (`replacesId`) adds a new row and marks the old one superseded: the old
 * answers stay in the file (the database refuses to change them, migration 1200).
 * Errors: not_found (client, appointment or replaced entry), rule_broken (the appointment is
 * another client's; replacing an entry of another kind or one already corrected).
 */
export async function recordMeasure(
  db: Kysely<DB>,
  actor: Actor,
  input: RecordMeasureInput,
  now: Date,
  source: 'therapist' | 'client' = 'therapist',
): Promise<MeasureEntry> {
  await requireClientVisit(db, input.clientId, input.appointmentId)
  const kind = input.measure.kind
  if (input.replacesId !== null) {
    const old = await db
      .selectFrom('client_measures')
      .select(['client_id', 'kind', 'superseded_at'])
      .where('id', '=', input.replacesId)
      .executeTakeFirst()
    if (!old || old.client_id !== input.clientId) {
      throw new DomainError('not_found', 'The entry to correct was not found.')
    }
    if (old.kind !== kind) {
      throw new DomainError('rule_broken', 'A correction must be of the same measure.')
    }
    if (old.superseded_at !== null) {
      throw new DomainError(
        'conflict',
        'That entry has already been corrected; correct the newer one.',
      )
    }
    await db
      .updateTable('client_measures')
      .set({ superseded_at: now.toISOString() })
      .where('id', '=', input.replacesId)
      .execute()
  }
  const row = await db
    .insertInto('client_measures')
    .values({
      client_id: input.clientId,
      appointment_id: input.appointmentId,
      kind,
      instrument_version: INSTRUMENT_VERSIONS[kind],
      taken_at: input.takenAt ? new Date(input.takenAt).toISOString() : now.toISOString(),
      answers: JSON.stringify(input.measure),
      score: scoreOf(input.measure),
      source,
      recorded_by: actor.userId,
      recorded_by_name: actor.displayName,
      recorded_at: now.toISOString(),
      replaces_id: input.replacesId,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return entryOf(row)
}

/** A stored row as the contract's entry. */
export function entryOf(row: MeasureRow): MeasureEntry {
  return {
    id: row.id,
    clientId: row.client_id,
    appointmentId: row.appointment_id,
    takenAt: row.taken_at,
    instrumentVersion: row.instrument_version,
    score: row.score,
    source: row.source,
    recordedBy: row.recorded_by_name,
    replacesId: row.replaces_id,
    measure: JSON.parse(row.answers) as MeasureAnswers,
  }
}
