import { addDays } from 'date-fns/addDays'
import { format } from 'date-fns/format'
import { previousTuesday } from 'date-fns/previousTuesday'
import type { PlinthCore } from '../app-core'
import { zonedToUtc } from '../services/diary/clinic-clock'
import type { Session } from '../rpc/context'
import { StaffConnection } from '../rpc/staff-connection'
import type { MeasureAnswers } from '../../shared/contract/measures'

/**
 * Three demo runners whose progress the client page can show (issue 18): weekly visits over
 * the last weeks, each with a signed note (pain before → after) and measures, a week's
 * training load (one with a long run more than 10% over the month's longest), and a race
 * coming up so the booking dialog offers its suggestions. Written through the router.
 * Fixed figures, no random draws: the rest of the seeded clinic stays as it was.
 */
export async function seedDemoRunners(core: PlinthCore, owner: Session, now = core.now()) {
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await core.router.call(method, input, owner)
    if (!r.ok) throw new Error(`Seeding ${method} failed: ${JSON.stringify(r.error)}`)
    return r.value as T
  }
  const therapists = await call<{ id: number; serviceIds: number[] }[]>('therapists.list', {})
  const templates = await call<{ id: number; name: string }[]>('notes.templates', {})
  const template = templates.find((t) => t.name === 'Follow-up (SOAP)') ?? templates[0]
  const day = (offset: number) => format(addDays(now, offset), 'yyyy-MM-dd')
  for (const exercise of EXERCISES) await call('exercises.save', exercise)

  let handedTo: { clientId: number; appointmentId: number | null } | null = null
  for (const runner of RUNNERS) {
    const client = await call<{ id: number }>('clients.create', {
      ...runner.client,
      eventDate: day(runner.eventInDays),
      sports: 'Running',
    })
    const weeks = runner.visits.length
    for (const [i, visit] of runner.visits.entries()) {
      // Tuesdays at 09:00, the last one the Tuesday before today.
      const date = format(addDays(previousTuesday(now), -7 * (weeks - 1 - i)), 'yyyy-MM-dd')
      const startsAt = new Date(zonedToUtc(date, 9 * 60, 'Europe/London')).toISOString()
      let appointmentId: number | null = null
      const therapist = therapists[i % Math.max(1, therapists.length)]
      if (therapist?.serviceIds[0]) {
        const r = await core.router.call(
          'diary.book',
          {
            clientId: client.id,
            serviceId: therapist.serviceIds[0],
            therapistId: therapist.id,
            startsAt,
            confirmPast: true,
            override: { reason: 'Demo history' },
          },
          owner,
        )
        if (r.ok) {
          appointmentId = (r.value as { id: number }).id
          await call('diary.setStatus', { id: appointmentId, status: 'completed' })
        }
      }
      if (template && appointmentId !== null) {
        const note = await call<{ id: number; revision: number }>('notes.start', {
          clientId: client.id,
          appointmentId,
          templateId: template.id,
        })
        await call('notes.saveDraft', {
          id: note.id,
          baseRevision: note.revision,
          content: {
            sections: { subjective: visit.said },
            painBefore: visit.pain[0],
            painAfter: visit.pain[1],
            areas: runner.areas,
            techniques: ['Effleurage', 'Petrissage', 'Soft tissue release'],
            pressure: 'Medium to firm',
            response: 'Eased during treatment',
            aftercare: 'Keep easy runs easy for 48 hours; hydrate.',
            homeExercises: runner.homeExercises,
            nextSession: 'One week',
            bodyMarks: [],
          },
        })
        await call('notes.sign', { id: note.id })
      }
      for (const measure of visit.measures) {
        await call('measures.record', {
          clientId: client.id,
          appointmentId,
          takenAt: startsAt,
          measure,
        })
      }
      handedTo ??= i === weeks - 1 ? { clientId: client.id, appointmentId } : null
    }
  }
  if (handedTo) await clientFilledLefs(core, owner, handedTo)
}

/**
 * The first runner filled in a LEFS on the clinic tablet at the last visit: handed over and
 * sent through a window's connection, as the app does, so the entry is the client's own.
 */
async function clientFilledLefs(
  core: PlinthCore,
  owner: Session,
  to: { clientId: number; appointmentId: number | null },
) {
  // The seed's owner is not an account (user 0), so not core.connect(), which checks it.
  const tablet = new StaffConnection({
    router: core.router,
    now: core.now,
    idleLockMinutes: async () => 60,
  })
  tablet.begin(owner)
  try {
    for (const [method, input] of [
      ['handover.start', { ...to, kind: 'lefs' }],
      ['handover.submit', { measure: { kind: 'lefs', answers: LEFS_BY_CLIENT } }],
    ] as const) {
      const r = await tablet.call(method, input)
      if (!r.ok) throw new Error(`Seeding ${method} failed: ${JSON.stringify(r.error)}`)
    }
  } finally {
    tablet.end()
  }
}

// Mostly "a little bit of difficulty" or none; running on uneven ground, sharp turns and
// hopping harder: 67 out of 80.
const LEFS_BY_CLIENT = [4, 3, 4, 4, 4, 3, 4, 4, 3, 4, 4, 4, 3, 4, 4, 3, 2, 1, 1, 4]

/** The owner's starter library of aftercare stretches (no pictures in the demo). */
const EXERCISES = [
  {
    name: 'Standing calf stretch',
    instructions:
      'Hands on a wall, one foot back with the knee straight and the heel down. Lean in until you feel the calf. Hold 30 seconds, 3 times each side.',
  },
  {
    name: 'Standing hamstring stretch',
    instructions:
      'Heel on a low step, knee straight, toes up. Lean forward from the hips with a straight back. Hold 30 seconds, 3 times each side.',
  },
  {
    name: 'Kneeling hip flexor stretch',
    instructions:
      'Kneel on one knee, the other foot flat in front. Tuck the tailbone under and shift forward. Hold 45 seconds, 3 times each side.',
  },
  {
    name: 'Glute bridge',
    instructions:
      'Lie on your back, knees bent. Squeeze the buttocks and lift the hips. 3 sets of 12.',
  },
]

interface DemoVisit {
  said: string
  pain: [number, number]
  measures: MeasureAnswers[]
}

const psfs = (scores: number[], activities: string[]): MeasureAnswers => ({
  kind: 'psfs',
  activities: activities.map((activity, i) => ({ activity, score: scores[i]! })),
})
const load = (minutes: number[], rpe: number[], longestRunKm: number): MeasureAnswers => ({
  kind: 'load',
  sessions: minutes.map((m, i) => ({ minutes: m, rpe: rpe[i]! })),
  longestRunKm,
  longestRunOn: null,
})

const ELEANOR_ACTIVITIES = ['Run 10 km', 'Stairs after a long run']
const TOM_ACTIVITIES = ['Hop on the left leg', 'Run downhill']

const RUNNERS: {
  client: Record<string, unknown>
  eventInDays: number
  areas: string
  homeExercises: string
  visits: DemoVisit[]
}[] = [
  {
    client: {
      firstName: 'Eleanor',
      lastName: 'Hughes',
      mobile: '07700 900101',
      email: 'eleanor.hughes@example.com',
      weeklyKm: 48,
      longestRunKm: 24,
      runsPerWeek: 5,
      eventName: 'Brighton Marathon',
      eventDistanceKm: 42.2,
      goals: 'Sub-4 marathon',
    },
    eventInDays: 24,
    areas: 'Left hamstring, glutes',
    homeExercises: 'Hamstring bridges 3 × 12; nerve flossing 2 × 10 daily',
    visits: [6, 5, 5, 4, 3, 3].map((pain, i) => ({
      said: `Left hamstring tight after long runs (week ${i + 1}).`,
      pain: [pain, Math.max(0, pain - 2)] as [number, number],
      measures: [
        psfs([3 + i, 4 + i], ELEANOR_ACTIVITIES),
        { kind: 'rom', slr: { left: 58 + i * 3, right: 78 } },
        // Week 4: a 30 km run after a longest of 24 km in the month: flagged (+25%).
        load([45, 40, 60, 120 + i * 10], [5, 4, 7, 6], [20, 22, 24, 30, 26, 28][i]!),
        ...(i === 0 || i === 5
          ? [{ kind: 'lefs', answers: Array(20).fill(i === 0 ? 2 : 3) } as MeasureAnswers]
          : []),
      ],
    })),
  },
  {
    client: {
      firstName: 'Tom',
      lastName: 'Achebe',
      mobile: '07700 900102',
      weeklyKm: 30,
      longestRunKm: 14,
      runsPerWeek: 4,
      eventName: 'Edinburgh Half Marathon',
      eventDistanceKm: 21.1,
      goals: 'Run the half without Achilles pain',
    },
    eventInDays: 60,
    areas: 'Left calf and Achilles',
    homeExercises: 'Heel raises off a step 3 × 15, slow; calf stretch against a wall',
    visits: [5, 5, 4, 3, 2].map((pain, i) => ({
      said: 'Left Achilles stiff in the mornings.',
      pain: [pain, Math.max(0, pain - 1)] as [number, number],
      measures: [
        psfs([2 + i * 2, 4 + i], TOM_ACTIVITIES),
        { kind: 'rom', kneeToWall: { left: 6 + i, right: 11 } },
        {
          kind: 'visa_a',
          scales: [4 + i, 5 + i, 6, 6 + i, 4 + i, 3 + i],
          q7: i < 2 ? 4 : 7,
          q8: { part: 'B', band: i < 2 ? '11-20' : '21-30' },
        },
      ],
    })),
  },
  {
    client: {
      firstName: 'Ruth',
      lastName: 'Davies',
      mobile: '07700 900103',
      weeklyKm: 60,
      longestRunKm: 32,
      runsPerWeek: 6,
      eventName: 'Lakeland 50',
      eventDistanceKm: 80,
      goals: 'Stay injury-free through the ultra block',
    },
    eventInDays: 45,
    areas: 'Hip flexors, quads, ITB',
    homeExercises: 'Kneeling hip flexor stretch 3 × 45 s each side',
    visits: [3, 3, 2, 2].map((pain, i) => ({
      said: 'Maintenance; hips tight after hill sessions.',
      pain: [pain, 1] as [number, number],
      measures: [
        {
          kind: 'rom',
          hipIr: { left: 28 + i * 2, right: 36 },
          thomas: { left: 12 - i * 4, right: 0, leftPass: i >= 2, rightPass: true },
          sitAndReach: { value: -4 + i * 2 },
        },
        load([60, 75, 50, 180], [5, 6, 4, 6], 30 + i),
      ],
    })),
  },
]
