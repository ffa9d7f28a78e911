import type { PlinthCore } from '../../src/main/app-core'
import type { Session } from '../../src/main/rpc/context'
import { addDays, utcToZoned, zonedToUtc } from '../../src/main/services/diary/clinic-clock'
import { call } from '../fixtures/temp-core'
import { optimizeDatabase } from '../../src/main/db/optimize'
import { measure, type Figure } from './measure'

const TZ = 'Europe/London'
const THERAPISTS = 10
const YEARS = 10
const PER_DAY = 14
const SLOT_MINUTES = 45

async function ok<T>(
  p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
) {
  const r = await p
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

/**
 * Ten therapists working every day, 14 back-to-back bookings each a day for ten years
 * (~511,000 appointments) plus the next four weeks about 70% full. Bulk-inserted with one
 * prepared statement in one transaction: the router would take minutes for this many.
 */
async function seedBusyClinic(core: PlinthCore, owner: Session, now: Date) {
  const all = [1, 2, 3, 4, 5, 6, 7]
  await ok(
    call(
      core,
      'clinicHours.update',
      {
        opening: all.map((weekday) => ({ weekday, opens: '08:00', closes: '20:00' })),
        closures: [],
        cancellationNoticeHours: 24,
      },
      owner,
    ),
  )
  const massage = await ok(
    call(
      core,
      'services.create',
      {
        name: 'Sports massage 45 min',
        durationMinutes: 45,
        pricePence: 5000,
        bufferAfterMinutes: 0,
        colour: '#0e6b63',
      },
      owner,
    ),
  )
  const hour = await ok(
    call(
      core,
      'services.create',
      {
        name: 'Sports massage 60 min',
        durationMinutes: 60,
        pricePence: 6000,
        bufferAfterMinutes: 15,
        colour: '#7c3aed',
      },
      owner,
    ),
  )
  const therapistIds: number[] = []
  for (let i = 0; i < THERAPISTS; i++) {
    const t = await ok(
      call(
        core,
        'therapists.create',
        {
          name: `Therapist ${i + 1}`,
          colour: '#3b82f6',
          serviceIds: [massage.id, hour.id],
          hours: all.map((weekday) => ({ weekday, starts: '08:00', ends: '20:00' })),
          breaks: [],
        },
        owner,
      ),
    )
    therapistIds.push(t.id)
  }
  const at = now.toISOString()
  const insertClient = core.sqlite.prepare(
    `INSERT INTO clients (first_name, last_name, mobile, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
  )
  const clientIds: number[] = []
  core.sqlite.transaction(() => {
    for (let i = 0; i < 5000; i++) {
      const r = insertClient.run(`Client${i}`, `Bench${i}`, `07911 ${100000 + i}`, at, at)
      clientIds.push(Number(r.lastInsertRowid))
    }
  })()
  const insert = core.sqlite.prepare(
    `INSERT INTO appointments (client_id, therapist_id, service_id, starts_at, ends_at, blocked_until,
       status, price_pence, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 5000, ?, ?)`,
  )
  const today = utcToZoned(now.getTime(), TZ).date
  const first = addDays(today, -365 * YEARS)
  const last = addDays(today, 28)
  let count = 0
  let seed = 7
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
  core.sqlite.transaction(() => {
    for (let date = first; date <= last; date = addDays(date, 1)) {
      const future = date >= today
      for (const therapistId of therapistIds) {
        for (let k = 0; k < PER_DAY; k++) {
          if (future && rnd() < 0.3) continue
          const start = zonedToUtc(date, 8 * 60 + k * SLOT_MINUTES, TZ)
          const end = start + SLOT_MINUTES * 60_000
          const s = new Date(start).toISOString()
          const e = new Date(end).toISOString()
          insert.run(
            clientIds[count % clientIds.length],
            therapistId,
            massage.id,
            s,
            e,
            e,
            future ? 'booked' : 'completed',
            at,
            at,
          )
          count++
        }
      }
    }
  })()
  // What the app itself does a minute after opening (db/optimize.ts), not a full ANALYZE.
  optimizeDatabase(core.sqlite, { everyTable: true })
  return { count, serviceId: hour.id, today }
}

export async function benchDiary(core: PlinthCore, owner: Session): Promise<Figure[]> {
  const now = new Date()
  const started = performance.now()
  const { count, serviceId, today } = await seedBusyClinic(core, owner, now)
  const seededMs = performance.now() - started
  console.log(
    `diary bench: ${count.toLocaleString('en-GB')} appointments seeded in ${(seededMs / 1000).toFixed(1)} s`,
  )
  const reception: Session = { ...owner, role: 'reception' }
  // Weeks spread over the last year, Monday to Monday in the clinic's time zone.
  const weeks = Array.from({ length: 52 }, (_, i) => {
    const monday = addDays(today, -7 * i - ((utcToZoned(now.getTime(), TZ).weekday + 6) % 7))
    return {
      from: new Date(zonedToUtc(monday, 0, TZ)).toISOString(),
      to: new Date(zonedToUtc(addDays(monday, 7), 0, TZ)).toISOString(),
    }
  })
  const sample = await core.router.call('diary.range', weeks[1], reception)
  const perWeek = sample.ok ? (sample.value as { appointments: unknown[] }).appointments.length : 0
  return [
    await measure(
      `diary.range · one week, all 10 therapists (${perWeek} appointments) · router`,
      300,
      (i) => core.router.call('diary.range', weeks[i % weeks.length], reception),
      10,
    ),
    await measure(
      'diary.nextAvailable · 60 min + 15 min buffer, next 4 weeks, first 10 · router',
      300,
      (i) =>
        core.router.call(
          'diary.nextAvailable',
          {
            serviceId,
            days: 28,
            from: new Date(now.getTime() + (i % 20) * 3_600_000).toISOString(),
          },
          reception,
        ),
      50,
    ),
    await measure(
      'diary.nextAvailable · weekday evenings after 17:00, 4 weeks · router',
      300,
      () =>
        core.router.call(
          'diary.nextAvailable',
          {
            serviceId,
            days: 28,
            partOfDay: { weekdays: [1, 2, 3, 4, 5], after: '17:00', before: '24:00' },
          },
          reception,
        ),
      50,
    ),
    // Few matches, so every one of the 28 days is searched: the worst case.
    await measure(
      'diary.nextAvailable · Sunday 18:45-20:00 only, whole 4 weeks scanned · router',
      100,
      () =>
        core.router.call(
          'diary.nextAvailable',
          {
            serviceId,
            days: 28,
            limit: 50,
            partOfDay: { weekdays: [7], after: '18:45', before: '20:00' },
          },
          reception,
        ),
      50,
    ),
  ]
}
