import { z } from 'zod'

/**
 * Records two screens or two desks can edit. Each has a revision in main: every read of it
 * carries `revision`, every save may carry the `baseRevision` it was based on, and main
 * refuses a save whose base is no longer current with a 'conflict' (nothing is written).
 * Singletons (one per clinic) have record id 0.
 */
// Each kind's subject and verb, as the refusal message starts: "The opening hours were ...".
export const RECORD_KINDS = {
  client: 'This client record was',
  'clinic-settings': 'The clinic settings were',
  'clinic-hours': 'The opening hours were',
  security: 'The security settings were',
  'backup-settings': 'The backup settings were',
  'retention-settings': 'The retention settings were',
  'client-settings': 'The client record settings were',
  'note-template': 'This note template was',
  therapist: 'This therapist was',
  service: 'This service was',
  room: 'This room was',
  user: 'This staff account was',
} as const
export type RecordKind = keyof typeof RECORD_KINDS

export const SINGLETON_KINDS: readonly RecordKind[] = [
  'clinic-settings',
  'clinic-hours',
  'security',
  'backup-settings',
  'retention-settings',
  'client-settings',
]

/**
 * How a method touches a revisioned record: 'read' answers one record, 'list' an array of
 * them, 'create' makes one, 'save' changes one (its input's `id`, or the singleton).
 */
export interface RevisionUse {
  kind: RecordKind
  as: 'read' | 'list' | 'create' | 'save'
}

const revisionField = z.object({ revision: z.number().int() })

/** A save's input: also the revision the form was showing (omitted only by scripts). */
export const savesOn = <T extends z.ZodType>(input: T) =>
  z.intersection(input, z.object({ baseRevision: z.number().int().min(0).optional() }))

/** A record as read: with the revision a later save must name. */
export const revisioned = <T extends z.ZodType>(output: T) => z.intersection(output, revisionField)

/** A record as read through a revisioned method (the renderer's view of it). */
export type Revisioned<T> = T & { revision: number }
