import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Service, Therapist } from '../../src/shared/contract/diary-setup'
import { aBookableClient, aService, aTherapist, at, openEveryDay } from '../fixtures/diary'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

const reception = aSession('reception')
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const

let core: Awaited<ReturnType<typeof openTempCore>>
let now = new Date('2026-03-01T12:00:00Z')
let massage: Service
let sam: Therapist
let client: { id: number }

beforeEach(async () => {
  now = new Date('2026-03-01T12:00:00Z')
  core = await openTempCore({ now: () => now })
  massage = await aService().lasting(60).withBuffer(15).in(core)
  sam = await aTherapist('Sam')
    .working([...DAYS], '08:00-20:00')
    .offering(massage)
    .in(core)
  await openEveryDay(core)
  client = await aBookableClient(core)
})
afterEach(async () => {
  await core.dispose()
})

async function book(local: string, clientId = client.id) {
  const r = await call(
    core,
    'diary.book',
    { clientId, serviceId: massage.id, therapistId: sam.id, startsAt: at(local) },
    reception,
  )
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

describe('appointment lifecycle', () => {
  it('lets a client arrive early on the day, and never on an earlier day', async () => {
    const a = await book('2026-03-02 10:00')
    // The evening before (23:30 London, the same UTC day as 10:00 next morning is not).
    now = new Date(at('2026-03-01 23:30'))
    const early = await call(core, 'diary.setStatus', { id: a.id, status: 'arrived' }, reception)
    expect(early.ok || early.error).toMatchObject({
      code: 'rule_broken',
      message: 'This appointment is on Monday 2 March: a client can only arrive on the day.',
    })
    // 07:45 the same morning, over two hours early: fine.
    now = new Date(at('2026-03-02 07:45'))
    const onTheDay = await call(core, 'diary.setStatus', { id: a.id, status: 'arrived' }, reception)
    expect(onTheDay.ok && onTheDay.value.status).toBe('arrived')
  })

  it('judges "the day" in the clinic’s time zone, across the clocks going forward', async () => {
    // Sun 29 March 2026: 00:30 London is still Saturday 23:30 UTC the day before.
    now = new Date(at('2026-03-28 12:00'))
    const a = await book('2026-03-29 10:00')
    now = new Date(at('2026-03-29 00:30'))
    const r = await call(core, 'diary.setStatus', { id: a.id, status: 'arrived' }, reception)
    expect(r.ok && r.value.status).toBe('arrived')
  })

  it('goes booked → arrived → completed, and every change is in its history', async () => {
    const a = await book('2026-03-02 10:00')
    now = new Date(at('2026-03-02 09:55'))
    expect(
      (await call(core, 'diary.setStatus', { id: a.id, status: 'arrived' }, reception)).ok,
    ).toBe(true)
    now = new Date(at('2026-03-02 11:00'))
    const done = await call(core, 'diary.setStatus', { id: a.id, status: 'completed' }, reception)
    expect(done.ok && done.value.status).toBe('completed')
    const detail = await call(core, 'diary.get', { id: a.id }, reception)
    expect(detail.ok && detail.value.history.map((h) => h.action)).toEqual([
      'booked',
      'arrived',
      'completed',
    ])
  })

  it('will not mark a client as did-not-attend before the appointment starts', async () => {
    const a = await book('2026-03-02 10:00')
    const r = await call(core, 'diary.setStatus', { id: a.id, status: 'no_show' }, reception)
    expect(r.ok || r.error.message).toBe(
      'An appointment cannot be marked did not attend before it starts.',
    )
    now = new Date(at('2026-03-02 10:20'))
    const later = await call(core, 'diary.setStatus', { id: a.id, status: 'no_show' }, reception)
    expect(later.ok && later.value.status).toBe('no_show')
  })

  it('flags a cancellation by the client inside the 24 h notice as late, and frees the slot', async () => {
    const a = await book('2026-03-02 10:00')
    now = new Date(at('2026-03-01 15:00'))
    const r = await call(
      core,
      'diary.cancel',
      { id: a.id, by: 'client', reason: 'Work meeting' },
      reception,
    )
    expect(r.ok && r.value.lateCancellation).toBe(true)
    const again = await book('2026-03-02 10:00')
    expect(again.status).toBe('booked')
    const detail = await call(core, 'diary.get', { id: a.id }, reception)
    expect(detail.ok && detail.value).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'client',
      cancelReason: 'Work meeting',
      lateCancellation: true,
    })
  })

  it('does not flag a cancellation with enough notice, or one made by the clinic', async () => {
    const a = await book('2026-03-03 10:00')
    const b = await book('2026-03-02 10:00')
    const early = await call(
      core,
      'diary.cancel',
      { id: a.id, by: 'client', reason: 'Ill' },
      reception,
    )
    now = new Date(at('2026-03-02 09:00'))
    const clinic = await call(
      core,
      'diary.cancel',
      { id: b.id, by: 'clinic', reason: 'Sam ill' },
      reception,
    )
    expect(early.ok && early.value.lateCancellation).toBe(false)
    expect(clinic.ok && clinic.value.lateCancellation).toBe(false)
  })

  it('shows who on the waiting list fits a freed slot', async () => {
    const a = await book('2026-03-04 18:00')
    const waiting = await aBookableClient(core, reception, ['Priya', 'Shah'])
    const morning = await aBookableClient(core, reception, ['Tom', 'Reed'])
    await call(
      core,
      'waitlist.add',
      {
        clientId: waiting.id,
        serviceId: massage.id,
        windows: [{ weekdays: [1, 2, 3, 4, 5], after: '17:00', before: '24:00' }],
        urgency: 'high',
      },
      reception,
    )
    await call(
      core,
      'waitlist.add',
      {
        clientId: morning.id,
        serviceId: massage.id,
        windows: [{ weekdays: [1, 2, 3, 4, 5], after: '08:00', before: '12:00' }],
      },
      reception,
    )
    const r = await call(
      core,
      'diary.cancel',
      { id: a.id, by: 'client', reason: 'Away' },
      reception,
    )
    expect(r.ok && r.value.waitlistMatches.map((w) => w.clientName)).toEqual(['Priya Shah'])
  })
})

describe('repeating bookings', () => {
  it('keeps a weekly 09:00 at 09:00 across the last Sundays of March and October', async () => {
    const spring = await call(
      core,
      'diary.bookSeries',
      {
        clientId: client.id,
        serviceId: massage.id,
        therapistId: sam.id,
        startsAt: at('2026-03-22 09:00'),
        everyWeeks: 1,
        count: 3,
      },
      reception,
    )
    if (!spring.ok) throw new Error(spring.error.message)
    expect(spring.value.occurrences.map((o) => o.startsAt)).toEqual([
      '2026-03-22T09:00:00.000Z',
      '2026-03-29T08:00:00.000Z',
      '2026-04-05T08:00:00.000Z',
    ])
    now = new Date('2026-10-01T12:00:00Z')
    const autumn = await call(
      core,
      'diary.bookSeries',
      {
        clientId: client.id,
        serviceId: massage.id,
        therapistId: sam.id,
        startsAt: at('2026-10-18 09:00'),
        everyWeeks: 1,
        until: '2026-11-01',
      },
      reception,
    )
    if (!autumn.ok) throw new Error(autumn.error.message)
    expect(autumn.value.occurrences.map((o) => o.startsAt)).toEqual([
      '2026-10-18T08:00:00.000Z',
      '2026-10-25T09:00:00.000Z',
      '2026-11-01T09:00:00.000Z',
    ])
  })

  it('lists the clashing dates, books nothing, and books the rest once they are skipped', async () => {
    await book('2026-03-16 10:00', (await aBookableClient(core)).id)
    const input = {
      clientId: client.id,
      serviceId: massage.id,
      therapistId: sam.id,
      startsAt: at('2026-03-02 10:00'),
      everyWeeks: 1,
      count: 4,
    }
    const plan = await call(core, 'diary.bookSeries', { ...input, dryRun: true }, reception)
    expect(plan.ok && plan.value.occurrences.map((o) => o.conflicts)).toEqual([
      [],
      [],
      ['Sam is already booked 10:00–11:00.'],
      [],
    ])
    const refused = await call(core, 'diary.bookSeries', input, reception)
    expect(refused.ok || refused.error.message).toBe(
      '1 of the dates clash (Monday 16 March 10:00): skip them or choose another time.',
    )
    expect(await core.db.selectFrom('appointment_series').select('id').execute()).toEqual([])
    const booked = await call(
      core,
      'diary.bookSeries',
      { ...input, skip: [at('2026-03-16 10:00')] },
      reception,
    )
    expect(booked.ok && booked.value.occurrences.filter((o) => o.appointmentId).length).toBe(3)
  })

  it('cancels this and the following occurrences of a series', async () => {
    const r = await call(
      core,
      'diary.bookSeries',
      {
        clientId: client.id,
        serviceId: massage.id,
        therapistId: sam.id,
        startsAt: at('2026-03-02 10:00'),
        everyWeeks: 2,
        count: 4,
      },
      reception,
    )
    if (!r.ok) throw new Error(r.error.message)
    const ids = r.value.occurrences.map((o) => o.appointmentId!)
    const c = await call(
      core,
      'diary.cancel',
      { id: ids[1]!, by: 'client', reason: 'Moving away', scope: 'following' },
      reception,
    )
    expect(c.ok && [...c.value.cancelled].sort()).toEqual(ids.slice(1).sort())
  })
})
