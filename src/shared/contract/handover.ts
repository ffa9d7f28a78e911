import { z } from 'zod'
import { ALL_STAFF } from '../roles'
import { signInOutcome } from './auth'
import { lefsAnswers, psfsAnswers, visaAAnswers } from './measures'
import { method } from './define'

// Handing a measure to the client on the clinic tablet (issue 18): a client-facing screen
// with no other access. While a screen is handed over, main's router answers only these
// methods and auth.status (rpc/handover-gate.ts), whoever is signed in, the owner included.
// The roles are staff's because the call still comes through the staff member's session.

/** The measures a client can fill in themselves; range of motion and load are measured by staff. */
export const HANDOVER_KINDS = ['psfs', 'lefs', 'visa_a'] as const
export type HandoverKind = (typeof HANDOVER_KINDS)[number]

/** How long a handover lasts unless it is given a time: long enough for VISA-A read slowly. */
export const HANDOVER_DEFAULT_MINUTES = 30

const id = z.number().int().positive()

export const handoverForm = z.object({
  kind: z.enum(HANDOVER_KINDS),
  /** The client's first name (or the name they prefer), to greet them: nothing else of theirs. */
  firstName: z.string(),
  expiresAt: z.string(),
  /** open: being filled in; submitted: thank-you screen; expired: the time ran out. */
  state: z.enum(['open', 'submitted', 'expired']),
  /**
   * PSFS only: the activities the client named at earlier visits, to score again (their own
   * words). Empty when reception handed the form over (reception never reads measures).
   */
  activities: z.array(z.string()),
  /** What the client had typed so far (saved as they type), or null. */
  draft: z.string().nullable(),
})
export type HandoverForm = z.output<typeof handoverForm>

export const clientAnswers = z.discriminatedUnion('kind', [psfsAnswers, lefsAnswers, visaAAnswers])

export const handoverContract = {
  'handover.start': method({
    summary: 'Hand a measure to the client on this screen',
    input: z.object({
      clientId: id,
      appointmentId: id.nullable().default(null),
      kind: z.enum(HANDOVER_KINDS, { message: 'Choose a measure' }),
      minutes: z
        .number()
        .int()
        .min(5, 'At least 5 minutes')
        .max(120, 'At most 2 hours')
        .default(HANDOVER_DEFAULT_MINUTES),
    }),
    output: z.object({ expiresAt: z.string() }),
    roles: ALL_STAFF,
  }),
  'handover.form': method({
    summary: 'Show the form handed to the client',
    input: z.object({}),
    output: handoverForm,
    roles: ALL_STAFF,
  }),
  'handover.saveDraft': method({
    summary: 'Keep what the client has typed so far',
    input: z.object({ draft: z.string().max(20_000, 'Too much text') }),
    output: z.object({ ok: z.literal(true) }),
    roles: ALL_STAFF,
  }),
  'handover.submit': method({
    summary: 'Send the client’s answers',
    input: z.object({ measure: clientAnswers }),
    output: z.object({ ok: z.literal(true) }),
    roles: ALL_STAFF,
  }),
  'handover.end': method({
    summary: 'Take the screen back from the client',
    input: z.object({ password: z.string().min(1, 'Enter your password').max(200) }),
    output: signInOutcome,
    roles: ALL_STAFF,
  }),
}
