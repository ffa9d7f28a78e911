import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Service, Therapist } from '../../src/shared/contract/diary-setup'
import { aBookableClient, aService, aTherapist, at, WEEKDAYS } from '../fixtures/diary'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

const reception = aSession('reception')
const owner = aSession('owner')

let core: Awaited<ReturnType<typeof openTempCore>>
let massage: Service
let sam: Therapist
let client: { id: number }

beforeEach(async () => {
  core = await openTempCore({ now: () => new Date('2026-02-20T10:00:00Z') })
  massage = await aService('Sports massage 60 min').lasting(60).withBuffer(15).in(core)
  sam = await aTherapist('Sam')
    .working(WEEKDAYS, '09:00-13:00', '14:00-20:00')
    .withBreak('Wed', '11:00-11:30')
    .offering(massage)
    .off('2026-03-03', '2026-03-10', 'Holiday')
    .in(core)
  client = await aBookableClient(core)
})
afterEach(async () => {
  await core.dispose()
})

function book(startsLocal: string, extra: Record<string, unknown> = {}, session = reception) {
  return call(
    core,
    'diary.book',
    {
      clientId: client.id,
      serviceId: massage.id,
      therapistId: sam.id,
      startsAt: at(startsLocal),
      ...extra,
    },
    session,
  )
}

function reasonOf(r: { ok: boolean; error?: { message: string } }) {
  return r.ok ? 'booked' : r.error!.message
}

describe('booking rules', () => {
  it('books a free hour inside Sam’s working hours', async () => {
    const r = await book('2026-03-02 09:00')
    expect(r.ok && r.value).toMatchObject({
      startsAt: '2026-03-02T09:00:00.000Z',
      endsAt: '2026-03-02T10:00:00.000Z',
      blockedUntil: '2026-03-02T10:15:00.000Z',
      status: 'booked',
      pricePence: 5500,
    })
  })

  it('rejects a booking that overlaps another client of Sam’s', async () => {
    expect((await book('2026-03-02 10:00')).ok).toBe(true)
    expect(reasonOf(await book('2026-03-02 10:30'))).toBe('Sam is already booked 10:00–11:00.')
  })

  it("rejects a booking that overlaps Sam's buffer time", async () => {
    expect((await book('2026-03-02 10:00')).ok).toBe(true)
    expect(reasonOf(await book('2026-03-02 11:00'))).toBe(
      'Sam has 15 min clean-up after the 10:00–11:00 appointment, until 11:15.',
    )
    expect((await book('2026-03-02 11:15')).ok).toBe(true)
  })

  it('rejects a booking whose own clean-up runs into the next client', async () => {
    expect((await book('2026-03-02 11:00')).ok).toBe(true)
    expect(reasonOf(await book('2026-03-02 10:00'))).toBe(
      "With its 15 min clean-up this would run into Sam's 11:00–12:00 appointment.",
    )
  })

  it('rejects a booking outside Sam’s working hours, naming them', async () => {
    expect(reasonOf(await book('2026-03-02 12:30'))).toBe(
      'Sam works 09:00–13:00 and 14:00–20:00 on Mondays.',
    )
    expect(reasonOf(await book('2026-02-28 10:00'))).toBe('Sam does not work on Saturdays.')
  })

  it('rejects a booking over Sam’s break', async () => {
    expect(reasonOf(await book('2026-02-25 10:30'))).toBe("That overlaps Sam's break 11:00–11:30.")
  })

  it('rejects a booking while Sam is on holiday 3–10 March', async () => {
    expect(reasonOf(await book('2026-03-04 10:00'))).toBe('Sam is on holiday 3–10 March.')
  })

  it('rejects a booking on a closure day and outside opening hours', async () => {
    const hours = await call(core, 'clinicHours.get', {}, owner)
    if (!hours.ok) throw new Error()
    await call(
      core,
      'clinicHours.update',
      {
        ...hours.value,
        opening: hours.value.opening.map((o) => (o.weekday === 1 ? { ...o, closes: '19:00' } : o)),
        closures: [{ date: '2026-02-23', reason: 'Staff training day' }],
      },
      owner,
    )
    expect(reasonOf(await book('2026-02-23 10:00'))).toBe(
      'The clinic is closed on Monday 23 February (Staff training day).',
    )
    expect(reasonOf(await book('2026-03-02 18:30'))).toBe(
      'The clinic is open 08:00–19:00 on Mondays.',
    )
  })

  it('rejects a service Sam does not offer', async () => {
    const cupping = await aService('Cupping 30 min').lasting(30).in(core)
    const r = await book('2026-03-02 09:00', { serviceId: cupping.id })
    expect(reasonOf(r)).toBe('Sam does not offer Cupping 30 min.')
  })

  it('keeps two bookings out of the same room at the same time', async () => {
    const room = await call(core, 'rooms.create', { name: 'Room 1' }, owner)
    if (!room.ok) throw new Error()
    const sports = await aService('Sports massage (room)').needingRoom().in(core)
    const alex = await aTherapist('Alex').working(WEEKDAYS, '09:00-17:00').offering(sports).in(core)
    await call(core, 'therapists.update', { ...sam, serviceIds: [massage.id, sports.id] }, owner)
    const first = await book('2026-03-02 09:00', { serviceId: sports.id })
    expect(first.ok && first.value.roomId).toBe(room.value.id)
    const other = await aBookableClient(core)
    const second = await book('2026-03-02 09:30', {
      serviceId: sports.id,
      therapistId: alex.id,
      clientId: other.id,
    })
    expect(reasonOf(second)).toBe('No room is free 09:30–10:30.')
    const named = await book('2026-03-02 09:30', {
      serviceId: massage.id,
      therapistId: sam.id,
      roomId: room.value.id,
    })
    expect(reasonOf(named)).toContain('Room 1 is in use 09:00–10:00.')
  })

  it('lets the owner override a rule with a reason, and records it', async () => {
    const refused = await book('2026-03-04 10:00', { override: { reason: 'Sam is coming in' } })
    expect(refused.ok || refused.error.code).toBe('forbidden')
    const r = await book(
      '2026-03-04 10:00',
      { override: { reason: 'Sam is coming in for this one' } },
      owner,
    )
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.overrideReason).toBe('Sam is coming in for this one')
    const detail = await call(core, 'diary.get', { id: r.value.id }, reception)
    expect(detail.ok && detail.value.history.map((h) => h.action)).toEqual(['booked', 'override'])
    expect(detail.ok && detail.value.history[1]!.summary).toContain('Sam is on holiday 3–10 March.')
  })

  it('refuses a booking on Sam’s holiday before writing anything', async () => {
    await book('2026-03-04 10:00')
    const rows = await core.db.selectFrom('appointments').select('id').execute()
    const audit = await core.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'diary.book')
      .execute()
    expect(rows).toEqual([])
    expect(audit).toEqual([])
  })
})

describe('a booking that fails after its first write', () => {
  it('leaves no appointment, history or audit line behind', async () => {
    // The appointment row is written before its history: make the history write fail, as a
    // full disk would, and the appointment must go with it (the command's one transaction).
    await sql`CREATE TRIGGER test_history_fails BEFORE INSERT ON appointment_history
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`.execute(core.db)
    const r = await book('2026-03-02 09:00')
    expect(r.ok).toBe(false)
    expect(await core.db.selectFrom('appointments').select('id').execute()).toEqual([])
    const audit = await core.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'diary.book')
      .execute()
    expect(audit).toEqual([])
    await sql`DROP TRIGGER test_history_fails`.execute(core.db)
    expect((await book('2026-03-02 09:00')).ok).toBe(true)
  })
})

describe('moving and resizing', () => {
  it('moves a booking to a free time and keeps the history', async () => {
    const r = await book('2026-03-02 09:00')
    if (!r.ok) throw new Error(r.error.message)
    const moved = await call(
      core,
      'diary.move',
      { id: r.value.id, therapistId: sam.id, startsAt: at('2026-03-02 15:00') },
      reception,
    )
    expect(moved.ok && moved.value.startsAt).toBe(at('2026-03-02 15:00'))
    const detail = await call(core, 'diary.get', { id: r.value.id }, reception)
    expect(detail.ok && detail.value.history[1]!.summary).toBe(
      'Moved from Monday 2 March 09:00–10:00 with Sam to Monday 2 March 15:00–16:00 with Sam',
    )
  })

  it('refuses a move onto another client and says why', async () => {
    const a = await book('2026-03-02 09:00')
    const b = await book('2026-03-02 15:00')
    if (!a.ok || !b.ok) throw new Error()
    const moved = await call(
      core,
      'diary.move',
      { id: b.value.id, therapistId: sam.id, startsAt: at('2026-03-02 09:30') },
      reception,
    )
    expect(reasonOf(moved)).toBe('Sam is already booked 09:00–10:00.')
  })

  it('resizes a booking, and its own old time does not clash with itself', async () => {
    const a = await book('2026-03-02 09:00')
    if (!a.ok) throw new Error()
    const r = await call(
      core,
      'diary.move',
      {
        id: a.value.id,
        therapistId: sam.id,
        startsAt: at('2026-03-02 09:00'),
        endsAt: at('2026-03-02 10:30'),
      },
      reception,
    )
    expect(r.ok && r.value.blockedUntil).toBe(at('2026-03-02 10:45'))
  })
})
