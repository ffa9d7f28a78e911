import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Service, Therapist } from '../../src/shared/contract/diary-setup'
import { aBookableClient, aService, aTherapist, at, openEveryDay } from '../fixtures/diary'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

const owner = aSession('owner')
const reception = aSession('reception')

let core: Awaited<ReturnType<typeof openTempCore>>
let massage: Service
let sam: Therapist
let client: { id: number }

beforeEach(async () => {
  const now = new Date('2026-03-01T12:00:00Z')
  core = await openTempCore({ now: () => now })
  massage = await aService().lasting(60).in(core)
  sam = await aTherapist('Sam')
    .working(['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], '09:00-18:00')
    .offering(massage)
    .in(core)
  await openEveryDay(core)
  client = await aBookableClient(core)
  const off = await call(
    core,
    'therapists.addTimeOff',
    {
      therapistId: sam.id,
      startsOn: '2026-03-03',
      endsOn: '2026-03-03',
      reason: 'Dentist',
      fromTime: '14:00',
      untilTime: '17:00',
    },
    owner,
  )
  if (!off.ok) throw new Error(off.error.message)
})
afterEach(async () => {
  await core.dispose()
})

const book = (local: string) =>
  call(
    core,
    'diary.book',
    { clientId: client.id, serviceId: massage.id, therapistId: sam.id, startsAt: at(local) },
    reception,
  )

describe('time off for part of a day', () => {
  it("refuses a booking in Sam's 14:00–17:00 dentist's appointment, with the reason", async () => {
    const r = await book('2026-03-03 13:30')
    expect(r.ok || r.error).toMatchObject({
      code: 'rule_broken',
      message: 'Sam is off (Dentist) 14:00–17:00 on Tuesday 3 March.',
    })
  })

  it('still books the rest of that day, and the same hours on other days', async () => {
    for (const local of ['2026-03-03 13:00', '2026-03-03 17:00', '2026-03-04 14:00']) {
      const r = await book(local)
      expect(r.ok || r.error.message).toBe(true)
    }
  })

  it('is remembered with its times, and next-available steps round it', async () => {
    const list = await call(core, 'therapists.list', { includeInactive: false }, owner)
    expect(list.ok && list.value[0]!.timeOff).toMatchObject([
      { startsOn: '2026-03-03', endsOn: '2026-03-03', fromTime: '14:00', untilTime: '17:00' },
    ])
    const slots = await call(
      core,
      'diary.nextAvailable',
      { serviceId: massage.id, from: at('2026-03-03 13:00'), days: 1, limit: 50 },
      reception,
    )
    if (!slots.ok) throw new Error(slots.error.message)
    const starts = slots.value.slots.map((s) => s.startsAt)
    expect(starts[0]).toBe(at('2026-03-03 13:00'))
    expect(starts).toContain(at('2026-03-03 17:00'))
    // Nothing that would run into 14:00–17:00.
    expect(starts.filter((s) => s > at('2026-03-03 13:00') && s < at('2026-03-03 17:00'))).toEqual(
      [],
    )
  })

  it('shades the part-day off in the diary', async () => {
    const r = await call(
      core,
      'diary.range',
      { from: at('2026-03-03 00:00'), to: at('2026-03-04 00:00') },
      reception,
    )
    if (!r.ok) throw new Error(r.error.message)
    expect(r.value.working.filter((w) => w.kind === 'work')).toEqual([
      expect.objectContaining({ startsAt: at('2026-03-03 09:00'), endsAt: at('2026-03-03 14:00') }),
      expect.objectContaining({ startsAt: at('2026-03-03 17:00'), endsAt: at('2026-03-03 18:00') }),
    ])
  })

  it('asks for both times, or neither, and an end after the start', async () => {
    const base = { therapistId: sam.id, startsOn: '2026-03-05', endsOn: '2026-03-05', reason: 'GP' }
    const one = await call(core, 'therapists.addTimeOff', { ...base, fromTime: '10:00' }, owner)
    expect(one.ok || one.error).toMatchObject({
      code: 'invalid_input',
      fieldErrors: [{ path: 'untilTime', message: 'Give both times, or neither for whole days' }],
    })
    const backwards = await call(
      core,
      'therapists.addTimeOff',
      { ...base, fromTime: '12:00', untilTime: '11:00' },
      owner,
    )
    expect(backwards.ok || backwards.error).toMatchObject({
      fieldErrors: [{ path: 'untilTime', message: 'The end comes after the start' }],
    })
  })
})
