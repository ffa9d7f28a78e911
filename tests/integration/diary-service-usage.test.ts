import { afterEach, beforeEach, expect, it } from 'vitest'
import { aBookableClient, aService, aTherapist, at, openEveryDay } from '../fixtures/diary'
import { callOk } from '../fixtures/notes'
import { aSession, openTempCore } from '../fixtures/temp-core'

const reception = aSession('reception')
const EVERY_DAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const
let core: Awaited<ReturnType<typeof openTempCore>>
const now = new Date('2026-06-17T06:30:00Z')

beforeEach(async () => {
  core = await openTempCore({ now: () => now })
})
afterEach(async () => {
  await core.dispose()
})

it('counts each service’s bookings of the last year, clinic-wide and per therapist, without cancelled ones', async () => {
  await openEveryDay(core)
  const assessment = await aService('Assessment').lasting(30).withBuffer(0).in(core)
  const sports = await aService('Sports massage').lasting(30).withBuffer(0).in(core)
  const sam = await aTherapist('Sam')
    .working([...EVERY_DAY], '08:00-20:00')
    .offering(assessment, sports)
    .in(core)
  const jo = await aTherapist('Jo')
    .working([...EVERY_DAY], '08:00-20:00')
    .offering(sports)
    .in(core)
  const client = await aBookableClient(core)
  const another = await aBookableClient(core)
  const book = (serviceId: number, therapistId: number, local: string, who = client) =>
    callOk(
      core,
      'diary.book',
      { clientId: who.id, serviceId, therapistId, startsAt: at(local), confirmPast: true },
      reception,
    )
  await book(sports.id, sam.id, '2026-06-18 09:00')
  await book(sports.id, sam.id, '2026-06-18 10:00')
  await book(assessment.id, sam.id, '2026-06-18 11:00')
  await book(sports.id, jo.id, '2026-06-18 09:00', another)
  const cancelled = await book(assessment.id, sam.id, '2026-06-18 12:00')
  await callOk(core, 'diary.cancel', { id: cancelled.id, by: 'client', reason: 'ill' }, reception)
  await book(assessment.id, sam.id, '2025-05-01 09:00') // more than a year ago

  const usage = await callOk(core, 'diary.serviceUsage', {}, reception)
  expect(usage.clinic.sort((a, b) => a.serviceId - b.serviceId)).toEqual(
    [
      { serviceId: assessment.id, count: 1 },
      { serviceId: sports.id, count: 3 },
    ].sort((a, b) => a.serviceId - b.serviceId),
  )
  expect(usage.byTherapist).toEqual(
    expect.arrayContaining([
      { therapistId: sam.id, serviceId: sports.id, count: 2 },
      { therapistId: sam.id, serviceId: assessment.id, count: 1 },
      { therapistId: jo.id, serviceId: sports.id, count: 1 },
    ]),
  )
  expect(usage.byTherapist).toHaveLength(3)
})
