import { z } from 'zod'
import { LEFS_ITEMS } from '../measures/lefs'
import { PSFS_MAX_ACTIVITIES } from '../measures/psfs'
import { ROM_TESTS, type RomTest } from '../measures/range-of-motion'
import { VISA_A_Q8_BANDS, VISA_A_SCALE_QUESTIONS } from '../measures/visa-a'
import { method } from './define'

// Outcome measures, range of motion and training load (issue 18). Health data: only the
// clinical roles record or read them. Reception keeps the client's structured training
// fields (weekly km, longest run, runs a week, the event) on the client record, which it
// already edits; it never sees measures, range of motion or a visit's load.
const CLINICAL = ['owner', 'therapist'] as const
const id = z.number().int().positive()
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date')

const whole = (min: number, max: number, what: string) =>
  z
    .number({ message: `Enter ${what}` })
    .int(`${what[0]!.toUpperCase()}${what.slice(1)} is a whole number`)
    .min(min, `${what[0]!.toUpperCase()}${what.slice(1)} is ${min} to ${max}`)
    .max(max, `${what[0]!.toUpperCase()}${what.slice(1)} is ${min} to ${max}`)

export const psfsAnswers = z.object({
  kind: z.literal('psfs'),
  activities: z
    .array(
      z.object({
        activity: z.string().trim().min(1, 'Name the activity').max(120),
        score: whole(0, 10, 'the score'),
      }),
    )
    .min(1, 'Name at least one activity')
    .max(PSFS_MAX_ACTIVITIES, `At most ${PSFS_MAX_ACTIVITIES} activities`),
})

export const lefsAnswers = z.object({
  kind: z.literal('lefs'),
  answers: z
    .array(whole(0, 4, 'each answer'))
    .length(LEFS_ITEMS.length, `Answer all ${LEFS_ITEMS.length} questions`),
})

export const visaAAnswers = z.object({
  kind: z.literal('visa_a'),
  scales: z
    .array(whole(0, 10, 'each answer'))
    .length(VISA_A_SCALE_QUESTIONS.length, 'Answer questions 1 to 6'),
  q7: z.union([z.literal(0), z.literal(4), z.literal(7), z.literal(10)], {
    message: 'Choose an answer to question 7',
  }),
  q8: z.object({
    part: z.enum(['A', 'B', 'C'], { message: 'Choose part A, B or C of question 8' }),
    band: z.enum(VISA_A_Q8_BANDS, { message: 'Choose how long for question 8' }),
  }),
})

const reading = (test: RomTest) => {
  const t = ROM_TESTS[test]
  const message = `${t.label} is ${t.min} to ${t.max} ${t.unit}`
  return z.number().min(t.min, message).max(t.max, message).nullable().default(null)
}
const sided = (test: RomTest) => z.object({ left: reading(test), right: reading(test) }).optional()

export const romAnswers = z
  .object({
    kind: z.literal('rom'),
    slr: sided('slr'),
    kneeToWall: sided('kneeToWall'),
    hipIr: sided('hipIr'),
    hipEr: sided('hipEr'),
    thomas: z
      .object({
        left: reading('thomas'),
        right: reading('thomas'),
        leftPass: z.boolean().nullable().default(null),
        rightPass: z.boolean().nullable().default(null),
      })
      .optional(),
    sitAndReach: z.object({ value: reading('sitAndReach') }).optional(),
  })
  .refine(
    (r) =>
      Object.entries(r).some(
        ([k, v]) => k !== 'kind' && v && Object.values(v).some((x) => x !== null),
      ),
    { message: 'Record at least one measurement', path: ['slr'] },
  )

export const loadAnswers = z.object({
  kind: z.literal('load'),
  /** Last week's sessions: session RPE (CR-10) × minutes, summed. */
  sessions: z
    .array(z.object({ minutes: whole(1, 600, 'the minutes'), rpe: whole(0, 10, 'the RPE') }))
    .max(28, 'At most 28 sessions in a week'),
  /** The week's longest single run, km, and its date (the 10% flag compares these). */
  longestRunKm: z.number().min(0).max(400, 'Check the distance').nullable().default(null),
  longestRunOn: isoDate.nullable().default(null),
})

export const measureAnswers = z.discriminatedUnion('kind', [
  psfsAnswers,
  lefsAnswers,
  visaAAnswers,
  romAnswers,
  loadAnswers,
])
export type MeasureAnswers = z.output<typeof measureAnswers>
export type MeasureKind = MeasureAnswers['kind']

export const MEASURE_LABELS: Record<MeasureKind, string> = {
  psfs: 'PSFS',
  lefs: 'LEFS',
  visa_a: 'VISA-A',
  rom: 'Range of motion',
  load: 'Training load',
}

export const measureEntry = z.object({
  id,
  clientId: id,
  appointmentId: id.nullable(),
  takenAt: z.string(),
  instrumentVersion: z.number().int(),
  score: z.number().nullable(),
  source: z.enum(['therapist', 'client']),
  recordedBy: z.string().nullable(),
  replacesId: id.nullable(),
  measure: measureAnswers,
})
export type MeasureEntry = z.output<typeof measureEntry>

const at = z.string()
const painChangeWords = z
  .enum(['much better', 'better', 'no real change', 'worse', 'much worse'])
  .nullable()

export const clientProgress = z.object({
  event: z
    .object({ name: z.string(), date: z.string(), distanceKm: z.number().nullable() })
    .nullable(),
  visits: z.array(z.object({ at, status: z.string(), service: z.string() })),
  pain: z.array(
    z.object({
      at,
      noteId: id,
      before: z.number().nullable(),
      after: z.number().nullable(),
      /** Within the session (before → after). */
      change: painChangeWords,
    }),
  ),
  /** First recorded pain before treatment to the latest: the course so far. */
  painOverall: painChangeWords,
  psfs: z.array(
    z.object({
      activity: z.string(),
      points: z.array(z.object({ at, score: z.number() })),
    }),
  ),
  lefs: z.array(z.object({ at, score: z.number() })),
  visaA: z.array(z.object({ at, score: z.number() })),
  rom: z.array(
    z.object({
      test: z.string(),
      label: z.string(),
      unit: z.string(),
      sided: z.boolean(),
      points: z.array(
        z.object({
          at,
          left: z.number().nullable(),
          right: z.number().nullable(),
          asymmetry: z.number().nullable(),
          leftPass: z.boolean().nullable().optional(),
          rightPass: z.boolean().nullable().optional(),
        }),
      ),
    }),
  ),
  load: z.array(
    z.object({
      at,
      load: z.number(),
      longestRunKm: z.number().nullable(),
      flag: z
        .object({
          km: z.number(),
          on: z.string(),
          baselineKm: z.number(),
          increasePercent: z.number(),
        })
        .nullable(),
    }),
  ),
  /** The latest 30 current (not superseded) entries, newest first: timeline and corrections. */
  entries: z.array(measureEntry),
})
export type ClientProgress = z.output<typeof clientProgress>

export const measuresContract = {
  'measures.record': method({
    summary: 'Record an outcome measure, range of motion or training load',
    input: z.object({
      clientId: id,
      appointmentId: id.nullable().default(null),
      /** When it was measured; the router's clock when left out. */
      takenAt: z.iso.datetime().optional(),
      /** A correction: the entry it replaces (kept, marked superseded). */
      replacesId: id.nullable().default(null),
      measure: measureAnswers,
    }),
    output: measureEntry,
    roles: CLINICAL,
  }),
  'measures.progress': method({
    summary: 'See a client’s pain, measures, range of motion and training load over time',
    input: z.object({ clientId: id }),
    output: clientProgress,
    roles: CLINICAL,
  }),
}
