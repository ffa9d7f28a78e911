import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Service, Therapist } from '../../src/shared/contract/diary-setup'
import { aBookableClient, aService, aTherapist, at, openEveryDay } from '../fixtures/diary'
import { aNote, aTherapistAccount, callOk } from '../fixtures/notes'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

const reception = aSession('reception')
const owner = aSession('owner')
const EVERY_DAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const

let core: Awaited<ReturnType<typeof openTempCore>>
// Sunday 29 November 2026, 12:00 in London (GMT).
let now = new Date('2026-11-29T12:00:00Z')
let massage: Service
let sam: Therapist
let client: { id: number }

beforeEach(async () => {
  now = new Date('2026-11-29T12:00:00Z')
  core = await openTempCore({ now: () => now })
  massage = await aService().lasting(60).withBuffer(0).in(core)
  sam = await aTherapist('Sam')
    .working([...EVERY_DAY], '08:00-20:00')
    .offering(massage)
    .in(core)
  await openEveryDay(core)
  client = await aBookableClient(core)
})
afterEach(async () => {
  await core.dispose()
})

const bookAt = (local: string, extra: object = {}) =>
  call(
    core,
    'diary.book',
    {
      clientId: client.id,
      serviceId: massage.id,
      therapistId: sam.id,
      startsAt: at(local),
      ...extra,
    },
    reception,
  )

describe('booking in the past needs an explicit confirmation, from every caller', () => {
  it('refuses Fri 27 Nov 10:00 on Sun the 29th without it, naming the confirmation', async () => {
    const r = await bookAt('2026-11-27 10:00')
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('rule_broken')
    expect(r.error.fieldErrors).toEqual([
      { path: 'confirmPast', message: expect.stringMatching(/^That time is in the past/) },
    ])
    expect(await core.db.selectFrom('appointments').select('id').execute()).toEqual([])
  })

  it('books it when the caller confirms (catching up after the fact)', async () => {
    const r = await bookAt('2026-11-27 10:00', { confirmPast: true })
    expect(r.ok && r.value.startsAt).toBe(at('2026-11-27 10:00'))
  })

  it.each([
    ['earlier today', '2026-11-29 09:00', false],
    ['16 minutes ago', '2026-11-29 11:44', false],
    ['15 minutes ago (a walk-in booked at the quarter hour)', '2026-11-29 11:45', true],
    ['later today', '2026-11-29 13:00', true],
    ['next week', '2026-12-04 10:00', true],
  ])('%s: accepted without confirmation is %s', async (_name, local, accepted) => {
    expect((await bookAt(local)).ok).toBe(accepted)
  })

  it('refuses a repeating booking that starts in the past, unless confirmed; its dry run lists it', async () => {
    const series = {
      clientId: client.id,
      serviceId: massage.id,
      therapistId: sam.id,
      startsAt: at('2026-11-20 10:00'),
      everyWeeks: 1,
      count: 3,
    }
    const dry = await call(core, 'diary.bookSeries', { ...series, dryRun: true }, reception)
    expect(dry.ok && dry.value.occurrences).toHaveLength(3)
    const refused = await call(core, 'diary.bookSeries', series, reception)
    expect(!refused.ok && refused.error.fieldErrors?.[0]?.path).toBe('confirmPast')
    expect(await core.db.selectFrom('appointments').select('id').execute()).toEqual([])
    const ok = await call(core, 'diary.bookSeries', { ...series, confirmPast: true }, reception)
    expect(ok.ok && ok.value.occurrences.filter((o) => o.appointmentId !== null)).toHaveLength(3)
  })

  it('refuses moving a booking into the past unless confirmed; a resize keeps its start and needs none', async () => {
    const booked = await bookAt('2026-11-29 11:50')
    if (!booked.ok) throw new Error(booked.error.message)
    const id = booked.value.id
    const move = (startsAt: string, extra: object = {}) =>
      call(core, 'diary.move', { id, therapistId: sam.id, startsAt, ...extra }, reception)
    const refused = await move(at('2026-11-28 10:00'))
    expect(!refused.ok && refused.error.fieldErrors?.[0]?.path).toBe('confirmPast')
    // In progress since 11:50; at 12:30 it is stretched to 13:15 without a question.
    now = new Date('2026-11-29T12:30:00Z')
    const resized = await move(at('2026-11-29 11:50'), { endsAt: at('2026-11-29 13:15') })
    expect(resized.ok && resized.value.endsAt).toBe(at('2026-11-29 13:15'))
    const moved = await move(at('2026-11-28 10:00'), { confirmPast: true })
    expect(moved.ok && moved.value.startsAt).toBe(at('2026-11-28 10:00'))
  })

  it('refuses moving a repeating booking into the past unless confirmed', async () => {
    const series = await callOk(
      core,
      'diary.bookSeries',
      {
        clientId: client.id,
        serviceId: massage.id,
        therapistId: sam.id,
        startsAt: at('2026-11-30 10:00'),
        everyWeeks: 1,
        count: 2,
      },
      reception,
    )
    const id = series.occurrences[0]!.appointmentId!
    const input = {
      id,
      therapistId: sam.id,
      startsAt: at('2026-11-27 10:00'),
      scope: 'one' as const,
    }
    const refused = await call(core, 'diary.moveSeries', input, reception)
    expect(!refused.ok && refused.error.fieldErrors?.[0]?.path).toBe('confirmPast')
    const ok = await call(core, 'diary.moveSeries', { ...input, confirmPast: true }, reception)
    expect(ok.ok).toBe(true)
  })
})

describe('undoing Completed', () => {
  async function completed() {
    const booked = await bookAt('2026-11-29 10:00', { confirmPast: true })
    if (!booked.ok) throw new Error(booked.error.message)
    await callOk(core, 'diary.setStatus', { id: booked.value.id, status: 'completed' }, reception)
    return booked.value.id
  }
  const history = async (id: number) =>
    (await callOk(core, 'diary.get', { id }, reception)).history.map((h) => h.summary)

  it('goes back to arrived, and to booked, kept in its history and the audit log', async () => {
    const id = await completed()
    const arrived = await callOk(core, 'diary.setStatus', { id, status: 'arrived' }, reception)
    expect(arrived.status).toBe('arrived')
    await callOk(core, 'diary.setStatus', { id, status: 'completed' }, reception)
    const booked = await callOk(core, 'diary.setStatus', { id, status: 'booked' }, reception)
    expect(booked.status).toBe('booked')
    expect(await history(id)).toEqual(
      expect.arrayContaining(['Marked arrived (was completed)', 'Marked booked (was completed)']),
    )
    const audit = await callOk(core, 'audit.list', { action: 'group:diary' }, owner)
    expect(audit.entries.map((e) => e.summary)).toEqual(
      expect.arrayContaining(['Marked arrived (was completed)', 'Marked booked (was completed)']),
    )
  })

  it('does not go back to booked once a treatment note is attached (arrived still can)', async () => {
    const { session, therapistId } = await aTherapistAccount(core, 'Jo')
    const withJo = await call(
      core,
      'diary.book',
      {
        clientId: client.id,
        serviceId: (await callOk(core, 'services.list', {}, owner)).find((s) =>
          s.name.includes('Jo'),
        )!.id,
        therapistId,
        startsAt: at('2026-11-29 09:00'),
        confirmPast: true,
      },
      reception,
    )
    if (!withJo.ok) throw new Error(withJo.error.message)
    const id = withJo.value.id
    await callOk(core, 'diary.setStatus', { id, status: 'completed' }, reception)
    await aNote(core, session, client.id).forAppointment(id).withPain(6, 2).in()
    const refused = await call(core, 'diary.setStatus', { id, status: 'booked' }, reception)
    expect(!refused.ok && refused.error.message).toMatch(/treatment note is attached/)
    const arrived = await callOk(core, 'diary.setStatus', { id, status: 'arrived' }, reception)
    expect(arrived.status).toBe('arrived')
  })
})
