import type { PlinthCore } from '../../src/main/app-core'
import type { Session } from '../../src/main/rpc/context'
import { measure, type Figure } from './measure'

const WEEKS = 5 * 52

/**
 * One runner with five years of weekly visits (issue 18's budget case): an appointment, a
 * signed note with pain before/after, PSFS (3 activities), range of motion (5 sided tests and
 * sit-and-reach) and the week's training load at every visit. Rows go straight into SQLite in
 * one transaction; the bench times reading them back through the router.
 */
export async function seedFiveYearRunner(core: PlinthCore, owner: Session): Promise<number> {
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await core.router.call(method, input, owner)
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
    return r.value as T
  }
  const service = await call<{ id: number }>('services.create', {
    name: 'Runner’s massage 45 min',
    durationMinutes: 45,
    pricePence: 5000,
    bufferAfterMinutes: 0,
    colour: '#2563eb',
  })
  const therapist = await call<{ id: number }>('therapists.create', {
    name: 'Bench Therapist',
    colour: '#0e6b63',
    serviceIds: [service.id],
    hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, starts: '08:00', ends: '20:00' })),
    breaks: [],
  })
  const client = await call<{ id: number }>('clients.create', {
    firstName: 'Eleanor',
    lastName: 'Bench-Runner',
    mobile: '07700 900456',
    eventName: 'Brighton Marathon',
    eventDate: '2027-04-11',
    weeklyKm: 45,
    longestRunKm: 18,
  })
  const template = core.sqlite
    .prepare("SELECT id, name, fields FROM note_templates WHERE name = 'Follow-up (SOAP)'")
    .get() as { id: number; name: string; fields: string }
  const appt = core.sqlite.prepare(`INSERT INTO appointments (client_id, therapist_id,
      service_id, starts_at, ends_at, blocked_until, status, price_pence, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, 'completed', 5000, ?, ?)`)
  const note = core.sqlite.prepare(`INSERT INTO notes (client_id, appointment_id, therapist_id,
      author_user_id, author_name, template_id, template_name, template_fields, session_at,
      sections, pain_before, pain_after, created_at, updated_at, signed_at, signed_by,
      signed_by_name)
    VALUES (?, ?, NULL, ?, 'Bench', ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?, ?, 'Bench')`)
  const measureRow = core.sqlite.prepare(`INSERT INTO client_measures (client_id, appointment_id,
      kind, instrument_version, taken_at, answers, score, source, recorded_by, recorded_by_name,
      recorded_at)
    VALUES (?, ?, ?, 1, ?, ?, ?, 'therapist', NULL, 'Bench', ?)`)
  const author = (core.sqlite.prepare('SELECT id FROM users LIMIT 1').get() as { id: number }).id
  const start = Date.parse('2021-11-03T09:00:00Z')
  core.sqlite.transaction(() => {
    for (let w = 0; w < WEEKS; w++) {
      const at = new Date(start + w * 7 * 86_400_000).toISOString()
      const end = new Date(Date.parse(at) + 45 * 60_000).toISOString()
      const a = Number(
        appt.run(client.id, therapist.id, service.id, at, end, end, at, at).lastInsertRowid,
      )
      const pain = 2 + (w % 6)
      note.run(
        client.id,
        a,
        author,
        template.id,
        template.name,
        template.fields,
        at,
        pain,
        Math.max(0, pain - 3),
        at,
        at,
        at,
        author,
      )
      const psfs = {
        kind: 'psfs',
        activities: ['Run 10 km', 'Stairs after a long run', 'Hill repeats'].map((activity, i) => ({
          activity,
          score: (w + i) % 11,
        })),
      }
      measureRow.run(client.id, a, 'psfs', at, JSON.stringify(psfs), 5, at)
      const rom = {
        kind: 'rom',
        slr: { left: 60 + (w % 20), right: 75 },
        kneeToWall: { left: 8 + (w % 5), right: 10 },
        hipIr: { left: 30, right: 35 - (w % 4) },
        hipEr: { left: 40, right: 42 },
        thomas: { left: 5, right: 0, leftPass: false, rightPass: true },
        sitAndReach: { value: w % 10 },
      }
      measureRow.run(client.id, a, 'rom', at, JSON.stringify(rom), null, at)
      const load = {
        kind: 'load',
        sessions: [
          { minutes: 45, rpe: 5 },
          { minutes: 60, rpe: 6 },
          { minutes: 90 + (w % 5) * 10, rpe: 7 },
        ],
        longestRunKm: 14 + (w % 7),
        longestRunOn: at.slice(0, 10),
      }
      measureRow.run(client.id, a, 'load', at, JSON.stringify(load), 1000, at)
    }
  })()
  return client.id
}

/** Opening a runner's progress: the budget is p95 < 30 ms through the router (issue 18). */
export async function benchRunners(core: PlinthCore, owner: Session): Promise<Figure[]> {
  const clientId = await seedFiveYearRunner(core, owner)
  return [
    await measure(
      `open a runner’s progress, ${WEEKS} weekly visits (measures.progress)`,
      300,
      async () => {
        const r = await core.router.call('measures.progress', { clientId }, owner)
        if (!r.ok) throw new Error(r.error.message)
      },
      30,
    ),
  ]
}
