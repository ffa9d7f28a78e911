import { afterEach, describe, expect, it } from 'vitest'
import { findBreaches } from '../../src/main/services/diary/booking-rules'
import { addDays, utcToZoned, zonedToUtc } from '../../src/main/services/diary/clinic-clock'
import { loadDiarySetup } from '../../src/main/services/diary/working-hours'
import type { PartOfDay, Slot } from '../../src/shared/contract/diary'
import type { Service } from '../../src/shared/contract/diary-setup'
import {
  aBookableClient,
  aService,
  aTherapist,
  at,
  type Day,
  openEveryDay,
  WEEKDAYS,
} from '../fixtures/diary'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

const reception = aSession('reception')
const owner = aSession('owner')
const TZ = 'Europe/London'
const DAYS: Day[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

let core: Awaited<ReturnType<typeof openTempCore>>
afterEach(async () => {
  await core?.dispose()
})

/** mulberry32: a small seeded generator, so a failing diary can be rebuilt from its seed. */
function random(seed: number) {
  let a = seed
  return () => {
    a |= 0
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

/** Every quarter-hour of every day, each checked by the booking rules themselves. */
async function bruteForce(
  service: Service,
  therapistIds: number[],
  from: number,
  days: number,
  partOfDay?: PartOfDay,
): Promise<Slot[]> {
  const fromDate = utcToZoned(from, TZ).date
  const setup = await loadDiarySetup(core.db, {
    fromDate: addDays(fromDate, -1),
    toDate: addDays(fromDate, days),
    therapistIds,
  })
  const slots: Slot[] = []
  for (let d = 0; d < days; d++) {
    const date = addDays(fromDate, d)
    for (let m = 0; m < 1440; m += 15) {
      for (const therapistId of therapistIds) {
        const startsAt = zonedToUtc(date, m, TZ)
        if (startsAt < from) continue
        const endsAt = startsAt + service.durationMinutes * 60_000
        if (partOfDay) {
          const s = utcToZoned(startsAt, TZ)
          const e = utcToZoned(endsAt, TZ)
          const eMin = e.date === s.date ? e.minutes : 1440
          const before =
            partOfDay.before === '24:00'
              ? 1440
              : Number(partOfDay.before.slice(0, 2)) * 60 + Number(partOfDay.before.slice(3))
          const after = Number(partOfDay.after.slice(0, 2)) * 60 + Number(partOfDay.after.slice(3))
          if (!partOfDay.weekdays.includes(s.weekday) || s.minutes < after || eMin > before)
            continue
        }
        const { breaches, roomId } = await findBreaches(core.db, setup, {
          therapistId,
          service,
          startsAt,
          endsAt,
          blockedUntil: endsAt + service.bufferAfterMinutes * 60_000,
          roomId: null,
        })
        if (breaches.length === 0) {
          slots.push({
            therapistId,
            startsAt: new Date(startsAt).toISOString(),
            endsAt: new Date(endsAt).toISOString(),
            roomId,
          })
        }
      }
    }
  }
  return slots
}

async function randomDiary(seed: number) {
  const rnd = random(seed)
  const pick = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1))
  core = await openTempCore({ now: () => new Date('2026-03-20T08:00:00Z') })
  const room = await call(core, 'rooms.create', { name: 'Room A' }, owner)
  if (!room.ok) throw new Error()
  if (rnd() < 0.5) await call(core, 'rooms.create', { name: 'Room B' }, owner)
  const services = [
    await aService('Massage')
      .lasting(pick(1, 4) * 15)
      .withBuffer(pick(0, 3) * 5)
      .in(core),
    await aService('Roomed')
      .lasting(pick(2, 4) * 15)
      .withBuffer(pick(0, 2) * 5)
      .needingRoom()
      .in(core),
  ]
  const therapists = []
  for (const name of ['Ann', 'Ben', 'Cat']) {
    let t = aTherapist(name).offering(...services.filter(() => rnd() < 0.8))
    for (const day of DAYS) {
      if (rnd() < 0.2) continue
      const start = pick(28, 44) * 15
      const mid = start + pick(8, 20) * 15
      if (rnd() < 0.5) t = t.working(day, `${hhmm(start)}-${hhmm(Math.min(mid, 1425))}`)
      else {
        const end = Math.min(mid + pick(4, 16) * 15, 1425)
        t = t.working(
          day,
          `${hhmm(start)}-${hhmm(mid)}`,
          `${hhmm(mid + 60)}-${hhmm(Math.max(end, mid + 75))}`,
        )
      }
      if (rnd() < 0.3) t = t.withBreak(day, `${hhmm(start + 60)}-${hhmm(start + 90)}`)
    }
    if (rnd() < 0.4) {
      const off = addDays('2026-03-20', pick(0, 5))
      t = t.off(off, addDays(off, pick(0, 3)), 'Holiday')
    }
    if (rnd() < 0.5) {
      // Part of a day off (a dentist's appointment), which next-available must step round.
      const from = pick(9 * 4, 16 * 4) * 15
      t = t.offPart(
        addDays('2026-03-20', pick(0, 5)),
        `${hhmm(from)}-${hhmm(from + pick(2, 12) * 15)}`,
      )
    }
    therapists.push(await t.in(core))
  }
  if (rnd() < 0.5) {
    const hours = await call(core, 'clinicHours.get', {}, owner)
    if (!hours.ok) throw new Error()
    await call(
      core,
      'clinicHours.update',
      { ...hours.value, closures: [{ date: addDays('2026-03-20', pick(1, 6)), reason: 'Closed' }] },
      owner,
    )
  }
  // Existing bookings anywhere (the owner overrides), some cancelled, which free their time.
  const client = await aBookableClient(core)
  for (let i = 0; i < 40; i++) {
    const t = therapists[pick(0, 2)]!
    const s = services[pick(0, 1)]!
    const date = addDays('2026-03-20', pick(0, 7))
    const r = await call(
      core,
      'diary.book',
      {
        clientId: client.id,
        serviceId: s.id,
        therapistId: t.id,
        startsAt: new Date(zonedToUtc(date, pick(28, 80) * 15, TZ)).toISOString(),
        roomId: s.needsRoom ? room.value.id : null,
        override: { reason: 'random diary' },
      },
      owner,
    )
    if (r.ok && rnd() < 0.15) {
      await call(core, 'diary.cancel', { id: r.value.id, by: 'clinic', reason: 'test' }, owner)
    }
  }
  return { services, therapists }
}

function sortSlots(slots: Slot[], order: number[]) {
  return [...slots].sort(
    (a, b) =>
      a.startsAt.localeCompare(b.startsAt) ||
      order.indexOf(a.therapistId) - order.indexOf(b.therapistId),
  )
}

/** Keeps a therapist's slot only once their previous kept slot has ended (the spread rule). */
function spread(slots: Slot[], durationMinutes: number) {
  const lastKept = new Map<number, number>()
  return slots.filter((slot) => {
    const start = Date.parse(slot.startsAt)
    const previous = lastKept.get(slot.therapistId)
    if (previous !== undefined && start < previous + durationMinutes * 60_000) return false
    lastKept.set(slot.therapistId, start)
    return true
  })
}

describe('next available slots', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`agrees with a brute-force search of every quarter hour (random diary ${seed})`, async () => {
      const { services, therapists } = await randomDiary(seed)
      const from = Date.parse('2026-03-20T08:07:00Z')
      let total = 0
      for (const service of services) {
        const offering = therapists
          .filter((t) => t.serviceIds.includes(service.id))
          .map((t) => t.id)
        const expected = spread(
          sortSlots(await bruteForce(service, offering, from, 6), offering),
          service.durationMinutes,
        )
        total += expected.length
        const first = await call(
          core,
          'diary.nextAvailable',
          { serviceId: service.id, from: new Date(from).toISOString(), days: 6 },
          reception,
        )
        if (!first.ok) throw new Error(first.error.message)
        expect(first.value.slots, `${service.name} first page`).toEqual(expected.slice(0, 10))
        expect(first.value.more).toBe(expected.length > 10)
        const last = first.value.slots.at(-1)
        if (last) {
          const later = await call(
            core,
            'diary.nextAvailable',
            {
              serviceId: service.id,
              from: new Date(from).toISOString(),
              days: 6,
              after: { startsAt: last.startsAt, therapistId: last.therapistId },
            },
            reception,
          )
          expect(later.ok && later.value.slots, `${service.name} later`).toEqual(
            expected.slice(10, 20),
          )
        }
        const evenings: PartOfDay = { weekdays: [1, 2, 3, 4, 5], after: '17:00', before: '24:00' }
        const wanted = spread(
          sortSlots(await bruteForce(service, offering, from, 6, evenings), offering),
          service.durationMinutes,
        )
        const pod = await call(
          core,
          'diary.nextAvailable',
          {
            serviceId: service.id,
            from: new Date(from).toISOString(),
            days: 6,
            partOfDay: evenings,
          },
          reception,
        )
        expect(pod.ok && pod.value.slots, `${service.name} weekday evenings`).toEqual(
          wanted.slice(0, 10),
        )
      }
      // A diary with no free time at all would prove nothing.
      expect(total).toBeGreaterThan(20)
    }, 60_000)
  }

  it('offers 09:00 local on the Monday after the clocks go forward', async () => {
    core = await openTempCore({ now: () => new Date('2026-03-27T12:00:00Z') })
    const massage = await aService().in(core)
    await aTherapist('Sam').working(WEEKDAYS, '09:00-12:00').offering(massage).in(core)
    const r = await call(
      core,
      'diary.nextAvailable',
      { serviceId: massage.id, from: at('2026-03-28 00:00'), limit: 2 },
      reception,
    )
    // One therapist, a 60-minute service: the next option starts when the first has ended.
    expect(r.ok && r.value.slots.map((s) => s.startsAt)).toEqual([
      at('2026-03-30 09:00'),
      at('2026-03-30 10:00'),
    ])
    expect(at('2026-03-30 09:00')).toBe('2026-03-30T08:00:00.000Z')
  })

  it('spreads "Thursday evening" across therapists instead of one therapist’s quarter hours', async () => {
    core = await openTempCore({ now: () => new Date('2026-11-29T12:00:00Z') })
    await openEveryDay(core, '08:00', '21:00')
    const massage = await aService().in(core)
    // Sam is free from 17:00, Jo only from 18:30: before, the first page was all Sam's.
    const sam = await aTherapist('Sam').working(['Thu'], '09:00-21:00').offering(massage).in(core)
    const jo = await aTherapist('Jo').working(['Thu'], '18:30-21:00').offering(massage).in(core)
    const r = await call(
      core,
      'diary.nextAvailable',
      {
        serviceId: massage.id,
        from: at('2026-11-30 00:00'),
        partOfDay: { weekdays: [4], after: '17:00', before: '21:00' },
        limit: 6,
      },
      reception,
    )
    if (!r.ok) throw new Error(r.error.message)
    const who = (id: number) => (id === sam.id ? 'Sam' : id === jo.id ? 'Jo' : '?')
    expect(r.value.slots.map((s) => `${who(s.therapistId)} ${s.startsAt}`)).toEqual([
      `Sam ${at('2026-12-03 17:00')}`,
      `Sam ${at('2026-12-03 18:00')}`,
      `Jo ${at('2026-12-03 18:30')}`,
      `Sam ${at('2026-12-03 19:00')}`,
      `Jo ${at('2026-12-03 19:30')}`,
      `Sam ${at('2026-12-03 20:00')}`,
    ])
  })
})
