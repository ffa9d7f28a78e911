import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Service, Therapist } from '../../src/shared/contract/diary-setup'
import { aBookableClient, aService, aTherapist, at, openEveryDay } from '../fixtures/diary'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

const reception = aSession('reception')
const EVERY_DAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const

let core: Awaited<ReturnType<typeof openTempCore>>
let now: Date
let massage: Service
let sam: Therapist
let alex: Therapist
let client: { id: number }

beforeEach(async () => {
  now = new Date('2026-03-01T12:00:00Z')
  core = await openTempCore({ now: () => now })
  massage = await aService().lasting(60).withBuffer(15).in(core)
  sam = await aTherapist('Sam')
    .working([...EVERY_DAY], '08:00-20:00')
    .offering(massage)
    .in(core)
  alex = await aTherapist('Alex')
    .working([...EVERY_DAY], '08:00-20:00')
    .offering(massage)
    .in(core)
  await openEveryDay(core)
  client = await aBookableClient(core)
})
afterEach(async () => {
  await core.dispose()
})

/** Weekly at 09:00 on Mondays from 16 March 2026: 16, 23, 30 March (clocks change 29th), 6 April. */
async function weeklySeries(first = '2026-03-16 09:00', count = 4) {
  const r = await call(
    core,
    'diary.bookSeries',
    {
      clientId: client.id,
      serviceId: massage.id,
      therapistId: sam.id,
      startsAt: at(first),
      everyWeeks: 1,
      count,
    },
    reception,
  )
  if (!r.ok) throw new Error(r.error.message)
  return r.value.occurrences.map((o) => o.appointmentId!)
}

async function rows(ids: number[]) {
  const found = await core.db
    .selectFrom('appointments')
    .select(['id', 'starts_at', 'therapist_id', 'series_id'])
    .where('id', 'in', ids)
    .orderBy('starts_at')
    .execute()
  return ids.map((id) => found.find((r) => r.id === id)!)
}

describe('moving a repeating booking', () => {
  it('moves just this one and leaves the rest of the series where it was', async () => {
    const ids = await weeklySeries()
    const before = await rows(ids)
    const r = await call(
      core,
      'diary.moveSeries',
      { id: ids[1]!, therapistId: sam.id, startsAt: at('2026-03-24 11:00'), scope: 'one' },
      reception,
    )
    expect(r.ok || r.error.message).toBe(true)
    const after = await rows(ids)
    expect(after.map((a) => a.starts_at)).toEqual([
      before[0]!.starts_at,
      at('2026-03-24 11:00'),
      before[2]!.starts_at,
      before[3]!.starts_at,
    ])
    expect(new Set(after.map((a) => a.series_id)).size).toBe(1)
  })

  it('moves this and the following to 10:00, still 10:00 in London after the clocks go forward', async () => {
    const ids = await weeklySeries()
    const r = await call(
      core,
      'diary.moveSeries',
      { id: ids[1]!, therapistId: sam.id, startsAt: at('2026-03-23 10:00'), scope: 'following' },
      reception,
    )
    if (!r.ok) throw new Error(r.error.message)
    const after = await rows(ids)
    expect(after.map((a) => a.starts_at)).toEqual([
      '2026-03-16T09:00:00.000Z', // untouched, GMT
      '2026-03-23T10:00:00.000Z', // 10:00 GMT
      '2026-03-30T09:00:00.000Z', // 10:00 BST
      '2026-04-06T09:00:00.000Z', // 10:00 BST
    ])
    // The series splits: the first keeps the old series, the moved ones share a new one.
    expect(after[0]!.series_id).not.toBe(after[1]!.series_id)
    expect(new Set(after.slice(1).map((a) => a.series_id)).size).toBe(1)
    const detail = await call(core, 'diary.get', { id: ids[2]! }, reception)
    expect(detail.ok && detail.value.history.at(-1)?.summary).toBe(
      'Moved with the following from Monday 30 March 09:00 to Monday 30 March 10:00 with Sam',
    )
  })

  it('moves all still to come to Tuesdays at 10:00 with another therapist, across the October change', async () => {
    now = new Date('2026-10-01T12:00:00Z')
    const ids = await weeklySeries('2026-10-19 09:00', 3) // 19 Oct BST, 26 Oct GMT, 2 Nov GMT
    const r = await call(
      core,
      'diary.moveSeries',
      { id: ids[2]!, therapistId: alex.id, startsAt: at('2026-11-03 10:00'), scope: 'all' },
      reception,
    )
    if (!r.ok) throw new Error(r.error.message)
    const after = await rows(ids)
    expect(after.map((a) => a.starts_at)).toEqual([
      '2026-10-20T09:00:00.000Z', // Tuesday 10:00 BST
      '2026-10-27T10:00:00.000Z', // Tuesday 10:00 GMT
      '2026-11-03T10:00:00.000Z',
    ])
    expect(after.every((a) => a.therapist_id === alex.id)).toBe(true)
    const series = await core.db.selectFrom('appointment_series').select('local_time').execute()
    expect(series.map((s) => s.local_time)).toEqual(['10:00'])
  })

  it('lists every clash with its reason and moves nothing when one occurrence would break a rule', async () => {
    const ids = await weeklySeries()
    const other = await aBookableClient(core)
    const blocker = await call(
      core,
      'diary.book',
      {
        clientId: other.id,
        serviceId: massage.id,
        therapistId: sam.id,
        startsAt: at('2026-03-30 10:30'),
      },
      reception,
    )
    expect(blocker.ok).toBe(true)
    const before = await rows(ids)
    const input = {
      id: ids[0]!,
      therapistId: sam.id,
      startsAt: at('2026-03-16 10:00'),
      scope: 'all' as const,
    }
    const plan = await call(core, 'diary.moveSeries', { ...input, dryRun: true }, reception)
    expect(plan.ok && plan.value.occurrences.map((o) => o.conflicts)).toEqual([
      [],
      [],
      ['Sam is already booked 10:30–11:30.'],
      [],
    ])
    const refused = await call(core, 'diary.moveSeries', input, reception)
    expect(refused.ok).toBe(false)
    if (refused.ok) return
    expect(refused.error.message).toBe(
      '1 of the 4 appointments would clash, so none were moved: Monday 30 March 10:00: Sam is already booked 10:30–11:30.',
    )
    expect(await rows(ids)).toEqual(before)
  })

  it('lets a series move by half an hour over its own old times', async () => {
    const ids = await weeklySeries()
    const r = await call(
      core,
      'diary.moveSeries',
      { id: ids[0]!, therapistId: sam.id, startsAt: at('2026-03-16 09:30'), scope: 'following' },
      reception,
    )
    expect(r.ok || r.error.message).toBe(true)
    expect((await rows(ids)).map((a) => a.starts_at)).toEqual([
      at('2026-03-16 09:30'),
      at('2026-03-23 09:30'),
      at('2026-03-30 09:30'),
      at('2026-04-06 09:30'),
    ])
  })
})
