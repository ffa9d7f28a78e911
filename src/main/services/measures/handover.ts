import type { Kysely } from 'kysely'
import type { HandoverForm, HandoverKind, clientAnswers } from '../../../shared/contract/handover'
import type { z } from 'zod'
import type { DB } from '../../db/schema'
import type { Actor } from '../actor'
import { DomainError } from '../domain-error'
import { recordMeasure, requireClientVisit } from './record-measure'

/** A form handed to a client; the connection holds it (rpc/context.ts Handover). */
export interface HandoverState {
  clientId: number
  appointmentId: number | null
  kind: HandoverKind
  userId: number
  clinical: boolean
  startedAt: string
  expiresAt: string
  state: 'open' | 'submitted' | 'expired'
  draft: string | null
  measureId: number | null
}

/**
 * Starts handing a measure to a client: checks the client (not anonymised) and that the
 * appointment, if any, is theirs. Nothing is written: the handover lives on the screen's
 * connection. Errors: not_found (client, appointment), rule_broken (another client's visit).
 */
export async function startHandover(
  db: Kysely<DB>,
  actor: Actor,
  input: { clientId: number; appointmentId: number | null; kind: HandoverKind; minutes: number },
  now: Date,
): Promise<HandoverState> {
  await requireClientVisit(db, input.clientId, input.appointmentId)
  return {
    clientId: input.clientId,
    appointmentId: input.appointmentId,
    kind: input.kind,
    userId: actor.userId,
    clinical: actor.role !== 'reception',
    startedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + input.minutes * 60_000).toISOString(),
    state: 'open',
    draft: null,
    measureId: null,
  }
}

/**
 * Closes an open form whose time has run out, dropping the client's unsent draft (health
 * data is not kept past the handover). True when the form is (now) expired.
 */
export function expireIfDue(handover: HandoverState, now: Date): boolean {
  if (handover.state === 'open' && now.toISOString() >= handover.expiresAt) {
    handover.state = 'expired'
    handover.draft = null
  }
  return handover.state === 'expired'
}

/**
 * What the client's screen shows: the form, their first name (or the name they prefer) and
 * their draft. For PSFS handed over by a therapist or the owner, the activities of the
 * latest PSFS, to score again in their own words; nothing else of the record.
 */
export async function handoverFormOf(
  db: Kysely<DB>,
  handover: HandoverState,
  now: Date,
): Promise<HandoverForm> {
  expireIfDue(handover, now)
  const client = await db
    .selectFrom('clients')
    .select(['first_name', 'preferred_name'])
    .where('id', '=', handover.clientId)
    .executeTakeFirst()
  let activities: string[] = []
  if (handover.kind === 'psfs' && handover.clinical && handover.state === 'open') {
    const latest = await db
      .selectFrom('client_measures')
      .select('answers')
      .where('client_id', '=', handover.clientId)
      .where('kind', '=', 'psfs')
      .where('superseded_at', 'is', null)
      .orderBy('taken_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst()
    if (latest) {
      const answers = JSON.parse(latest.answers) as { activities?: { activity: string }[] }
      activities = (answers.activities ?? []).map((a) => a.activity)
    }
  }
  return {
    kind: handover.kind,
    firstName: client ? client.preferred_name.trim() || client.first_name : '',
    expiresAt: handover.expiresAt,
    state: handover.state,
    activities,
    draft: handover.state === 'open' ? handover.draft : null,
  }
}

/**
 * Records the client's answers as the measure, source 'client', versioned and append-only
 * like a therapist's (record-measure.ts), under the member of staff who handed it over.
 * Errors: conflict (the form was already sent or its time ran out), rule_broken (answers
 * for another measure than the one handed over).
 */
export async function submitHandover(
  db: Kysely<DB>,
  actor: Actor,
  handover: HandoverState,
  measure: z.output<typeof clientAnswers>,
  now: Date,
): Promise<number> {
  if (expireIfDue(handover, now)) {
    throw new DomainError(
      'conflict',
      'The time for this form has run out. Please hand the tablet back to the clinic.',
    )
  }
  if (handover.state !== 'open') {
    throw new DomainError('conflict', 'These answers have already been sent.')
  }
  if (measure.kind !== handover.kind) {
    throw new DomainError('rule_broken', 'These answers are for a different form.')
  }
  const entry = await recordMeasure(
    db,
    actor,
    {
      clientId: handover.clientId,
      appointmentId: handover.appointmentId,
      replacesId: null,
      measure,
    },
    now,
    'client',
  )
  return entry.id
}
