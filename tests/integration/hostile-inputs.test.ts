import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MethodName } from '../../src/shared/contract'
import { aClient } from '../fixtures/clients'
import { aBookableClient, aService, aTherapist, openEveryDay } from '../fixtures/diary'
import { aSession, openTempCore } from '../fixtures/temp-core'

// The inputs that gave `internal` errors when the router was fuzzed (issue #12), each with
// a variant: every one now gets a typed error and changes nothing. The seeded fuzzer in
// contract-fuzz.test.ts looks for the rest of the kind.

type Core = Awaited<ReturnType<typeof openTempCore>>
let core: Core
const owner = aSession('owner')
const reception = aSession('reception')
let ids: { clientId: number; serviceId: number; therapistId: number }

beforeEach(async () => {
  core = await openTempCore({ now: () => new Date('2026-06-17T07:00:00Z') })
  await openEveryDay(core, '08:00', '20:00')
  const service = await aService().in(core)
  const sam = await aTherapist('Sam')
    .working(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], '08:00-20:00')
    .offering(service)
    .in(core)
  const client = await aBookableClient(core)
  await aClient().named('Kate', 'Morgan').in(core)
  ids = { clientId: client.id, serviceId: service.id, therapistId: sam.id }
})
afterEach(async () => {
  await core.dispose()
})

const rowCount = () =>
  (
    core.sqlite
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%search%'`)
      .all() as { name: string }[]
  ).reduce(
    (n, { name }) =>
      n + (core.sqlite.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n,
    0,
  )

async function expectTypedRefusal(method: MethodName, input: unknown, session = owner) {
  const before = rowCount()
  const result = await core.router.call(method, input, session)
  expect(result.ok, `${method} ${JSON.stringify(input).slice(0, 120)}`).toBe(false)
  if (!result.ok) {
    expect(result.error.code, result.error.message).not.toBe('internal')
    expect(result.error.message.length).toBeGreaterThan(5)
  }
  expect(rowCount()).toBe(before)
  return result
}

describe('hostile input gets a typed error', () => {
  it('a NUL in a search query, for clients and notes, alone or inside words', async () => {
    for (const query of ['\u0000', 'Kate\u0000Morgan', 'calf\u0000']) {
      const r = await expectTypedRefusal('clients.search', { query })
      expect(r).toMatchObject({
        error: { code: 'invalid_input', fieldErrors: [{ path: 'query' }] },
      })
      await expectTypedRefusal('notes.search', { clientId: ids.clientId, query })
    }
  })

  it('tens of thousands of ids in a list', async () => {
    const many = Array.from({ length: 32_766 }, (_, i) => i + 1)
    await expectTypedRefusal('diary.range', {
      from: '2026-06-15T00:00:00Z',
      to: '2026-06-22T00:00:00Z',
      therapistIds: many,
    })
    await expectTypedRefusal('therapists.update', {
      id: ids.therapistId,
      name: 'Sam',
      colour: '#3b82f6',
      serviceIds: many,
      hours: [],
      breaks: [],
    })
    await expectTypedRefusal(
      'waitlist.add',
      { clientId: ids.clientId, serviceId: ids.serviceId, therapistIds: many.slice(0, 100_000) },
      reception,
    )
  })

  it('years outside 1900–2199 in every booking method', async () => {
    for (const startsAt of [
      '-000001-01-01T00:00:00.000Z',
      '+275760-09-13T00:00:00.000Z',
      '0001-01-01T00:00:00Z',
      '9999-12-31T23:45:00Z',
    ]) {
      await expectTypedRefusal('diary.book', { ...ids, startsAt })
      await expectTypedRefusal('diary.book', {
        ...ids,
        startsAt,
        override: { reason: 'Owner booking late' },
      })
      await expectTypedRefusal('diary.bookSeries', {
        ...ids,
        startsAt,
        everyWeeks: 1,
        count: 3,
      })
      await expectTypedRefusal('diary.nextAvailable', { serviceId: ids.serviceId, from: startsAt })
    }
  })

  it('ids of records that do not exist', async () => {
    await expectTypedRefusal('diary.book', {
      ...ids,
      startsAt: '2026-06-18T09:00:00Z',
      roomId: 999,
    })
    await expectTypedRefusal(
      'waitlist.add',
      { clientId: 999_999, serviceId: ids.serviceId },
      reception,
    )
    await expectTypedRefusal(
      'waitlist.add',
      { clientId: ids.clientId, serviceId: 999_999 },
      reception,
    )
  })
})
