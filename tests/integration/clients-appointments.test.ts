import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Service, Therapist } from '../../src/shared/contract/diary-setup'
import { aBookableClient, aService, aTherapist, at, openEveryDay } from '../fixtures/diary'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

const reception = aSession('reception')
const owner = aSession('owner')
const EVERY_DAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const

let core: Awaited<ReturnType<typeof openTempCore>>
let now = new Date('2026-03-01T12:00:00Z')
let massage: Service
let sam: Therapist

beforeEach(async () => {
  now = new Date('2026-03-01T12:00:00Z')
  core = await openTempCore({ now: () => now })
  massage = await aService('Sports massage 60 min').lasting(60).in(core)
  sam = await aTherapist('Sam')
    .working([...EVERY_DAY], '08:00-20:00')
    .offering(massage)
    .in(core)
  await openEveryDay(core)
})
afterEach(async () => {
  await core.dispose()
})

async function book(clientId: number, local: string) {
  const r = await call(
    core,
    'diary.book',
    {
      clientId,
      serviceId: massage.id,
      therapistId: sam.id,
      startsAt: at(local),
      // Some are in the past on purpose: the card lists past appointments too.
      confirmPast: true,
    },
    reception,
  )
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

describe("a client's appointments", () => {
  it('shows the next appointment that is still on in the lookup results', async () => {
    const priya = await aBookableClient(core, reception, ['Priya', 'Shah'])
    await book(priya.id, '2026-02-27 10:00') // already past
    const cancelled = await book(priya.id, '2026-03-03 09:00')
    await call(core, 'diary.cancel', { id: cancelled.id, by: 'client', reason: 'Ill' }, reception)
    await book(priya.id, '2026-03-05 14:00')
    await book(priya.id, '2026-03-12 14:00')

    const found = await call(core, 'clients.search', { query: 'Priya Shah' }, reception)
    expect(found.ok && found.value.results[0]).toMatchObject({
      id: priya.id,
      nextAppointmentAt: at('2026-03-05 14:00'),
    })
    const other = await aBookableClient(core, reception, ['Priya', 'Shahid'])
    const none = await call(core, 'clients.search', { query: 'Shahid' }, reception)
    expect(none.ok && none.value.results.find((r) => r.id === other.id)).toMatchObject({
      nextAppointmentAt: null,
    })
  })

  it('lists upcoming appointments soonest first and past ones newest first, with service and therapist', async () => {
    const jo = await aBookableClient(core, reception, ['Jo', 'Runner'])
    await book(jo.id, '2026-02-20 10:00')
    await book(jo.id, '2026-02-27 10:00')
    await book(jo.id, '2026-03-09 10:00')
    await book(jo.id, '2026-03-02 10:00')
    const list = await call(core, 'clients.appointments', { id: jo.id }, reception)
    expect(list.ok).toBe(true)
    if (!list.ok) return
    expect(list.value.upcoming.map((a) => a.startsAt)).toEqual([
      at('2026-03-02 10:00'),
      at('2026-03-09 10:00'),
    ])
    expect(list.value.past.map((a) => a.startsAt)).toEqual([
      at('2026-02-27 10:00'),
      at('2026-02-20 10:00'),
    ])
    expect(list.value.upcoming[0]).toMatchObject({
      serviceName: 'Sports massage 60 min',
      therapistName: 'Sam',
      status: 'booked',
    })
  })

  it('moves appointments to the kept record on merge, and back on undo', async () => {
    const kept = await aBookableClient(core, reception, ['Katie', 'Morgan'])
    const dup = await aBookableClient(core, reception, ['Kate', 'Morgan'])
    const appt = await book(dup.id, '2026-03-04 11:00')
    const merged = await call(core, 'clients.merge', { keepId: kept.id, mergeId: dup.id }, owner)
    expect(merged.ok).toBe(true)
    if (!merged.ok) return
    const afterMerge = await call(core, 'clients.appointments', { id: kept.id }, reception)
    expect(afterMerge.ok && afterMerge.value.upcoming.map((a) => a.id)).toEqual([appt.id])

    const undone = await call(core, 'clients.undoMerge', { mergeId: merged.value.mergeId }, owner)
    expect(undone.ok).toBe(true)
    const back = await call(core, 'clients.appointments', { id: dup.id }, reception)
    expect(back.ok && back.value.upcoming.map((a) => a.id)).toEqual([appt.id])
    const keptAgain = await call(core, 'clients.appointments', { id: kept.id }, reception)
    expect(keptAgain.ok && keptAgain.value.upcoming).toEqual([])
  })

  it('will not delete a client who has appointments, and anonymising clears what was typed on them', async () => {
    const old = await aBookableClient(core, reception, ['Ola', 'Nordmann'])
    const appt = await book(old.id, '2026-03-04 11:00')
    await call(
      core,
      'diary.cancel',
      { id: appt.id, by: 'client', reason: 'Sister Ola is ill' },
      reception,
    )
    const refused = await call(core, 'retention.delete', { clientId: old.id }, owner)
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: /anonymise/ } })

    const anonymised = await call(core, 'retention.anonymise', { clientId: old.id }, owner)
    expect(anonymised.ok).toBe(true)
    const row = await core.db
      .selectFrom('appointments')
      .select(['client_id', 'cancel_reason', 'notes', 'price_pence'])
      .where('id', '=', appt.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ client_id: old.id, cancel_reason: null, notes: '' })
    expect(row.price_pence).toBeGreaterThan(0)
  })
})
