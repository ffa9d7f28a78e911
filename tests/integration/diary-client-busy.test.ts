import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Service, Therapist } from '../../src/shared/contract/diary-setup'
import { aBookableClient, aService, aTherapist, at, WEEKDAYS } from '../fixtures/diary'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

// A person cannot be in two treatment rooms at once: the booking rules refuse a client's
// second booking with another therapist at an overlapping time (a user trial booked one
// caller with Sam and Alex at 10:00 without a word).

const reception = aSession('reception')
const owner = aSession('owner')

let core: Awaited<ReturnType<typeof openTempCore>>
let massage: Service
let sam: Therapist
let alex: Therapist
let client: { id: number }

beforeEach(async () => {
  core = await openTempCore({ now: () => new Date('2026-02-20T10:00:00Z') })
  massage = await aService('Sports massage 60 min').lasting(60).withBuffer(15).in(core)
  sam = await aTherapist('Sam').working(WEEKDAYS, '09:00-18:00').offering(massage).in(core)
  alex = await aTherapist('Alex').working(WEEKDAYS, '09:00-18:00').offering(massage).in(core)
  client = await aBookableClient(core)
})
afterEach(async () => {
  await core.dispose()
})

async function book(
  startsLocal: string,
  therapist: Therapist,
  extra: Record<string, unknown> = {},
  who = client,
) {
  return call(
    core,
    'diary.book',
    {
      clientId: who.id,
      serviceId: massage.id,
      therapistId: therapist.id,
      startsAt: at(startsLocal),
      ...extra,
    },
    extra.override ? owner : reception,
  )
}

function reasonOf(r: { ok: boolean; error?: { message: string } }) {
  return r.ok ? 'booked' : r.error!.message
}

describe('a client booked twice at once', () => {
  it('refuses the same client with another therapist at an overlapping time, and says with whom', async () => {
    expect((await book('2026-03-02 10:00', sam)).ok).toBe(true)
    for (const start of ['2026-03-02 10:00', '2026-03-02 10:30', '2026-03-02 09:30']) {
      expect(reasonOf(await book(start, alex))).toBe(
        'This client is already booked 10:00–11:00 with Sam.',
      )
    }
    const rows = await core.db.selectFrom('appointments').select('therapist_id').execute()
    expect(rows.map((r) => r.therapist_id)).toEqual([sam.id])
  })

  it('allows back to back: the clean-up is the therapist’s time, not the client’s', async () => {
    expect((await book('2026-03-02 10:00', sam)).ok).toBe(true)
    expect(reasonOf(await book('2026-03-02 11:00', alex))).toBe('booked')
    // 09:00–10:00 with Alex ends as Sam's 10:00 starts.
    expect(reasonOf(await book('2026-03-02 09:00', alex))).toBe('booked')
  })

  it('lets another client have Alex at the same time, and a cancelled booking blocks nothing', async () => {
    const first = await book('2026-03-02 10:00', sam)
    expect(reasonOf(await book('2026-03-02 10:00', alex, {}, await aBookableClient(core)))).toBe(
      'booked',
    )
    if (!first.ok) throw new Error(first.error.message)
    const cancelled = await call(
      core,
      'diary.cancel',
      { id: first.value.id, by: 'client', reason: 'Rearranging' },
      reception,
    )
    expect(cancelled.ok).toBe(true)
    const alexLater = await book('2026-03-02 14:00', alex)
    expect(reasonOf(alexLater)).toBe('booked')
    expect(reasonOf(await book('2026-03-02 10:00', sam))).toBe('booked')
  })

  it('refuses a move onto the client’s other booking, but a resize does not clash with itself', async () => {
    const withSam = await book('2026-03-02 10:00', sam)
    const withAlex = await book('2026-03-02 14:00', alex)
    if (!withSam.ok || !withAlex.ok) throw new Error('set-up')
    const move = await call(
      core,
      'diary.move',
      { id: withAlex.value.id, therapistId: alex.id, startsAt: at('2026-03-02 10:15') },
      reception,
    )
    expect(reasonOf(move)).toBe('This client is already booked 10:00–11:00 with Sam.')
    const resize = await call(
      core,
      'diary.move',
      {
        id: withSam.value.id,
        therapistId: sam.id,
        startsAt: at('2026-03-02 10:00'),
        endsAt: at('2026-03-02 11:30'),
      },
      reception,
    )
    expect(reasonOf(resize)).toBe('booked')
  })

  it('lets the owner override with a reason, and the audit names no client', async () => {
    expect((await book('2026-03-02 10:00', sam)).ok).toBe(true)
    const r = await book('2026-03-02 10:00', alex, {
      override: { reason: 'Joint session: Alex assists' },
    })
    expect(r.ok && r.value.overrideReason).toBe('Joint session: Alex assists')
    const audit = await core.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'diary.book')
      .execute()
    expect(audit.map((a) => a.summary).join(' ')).not.toMatch(/Number\d+/)
  })

  it('lists the clashing week of a repeating booking with the client’s other therapist', async () => {
    expect((await book('2026-03-16 10:30', alex)).ok).toBe(true)
    const plan = await call(
      core,
      'diary.bookSeries',
      {
        clientId: client.id,
        serviceId: massage.id,
        therapistId: sam.id,
        startsAt: at('2026-03-02 10:00'),
        everyWeeks: 1,
        count: 3,
        dryRun: true,
      },
      reception,
    )
    expect(plan.ok && plan.value.occurrences.map((o) => o.conflicts)).toEqual([
      [],
      [],
      ['This client is already booked 10:30–11:30 with Alex.'],
    ])
  })
})

describe('next available for a known client', () => {
  it('skips the times the client is booked with someone else, and only those', async () => {
    expect((await book('2026-03-02 10:00', sam)).ok).toBe(true)
    const search = (clientId?: number) =>
      call(
        core,
        'diary.nextAvailable',
        {
          serviceId: massage.id,
          therapistId: alex.id,
          from: at('2026-03-02 09:00'),
          days: 1,
          limit: 4,
          ...(clientId ? { clientId } : {}),
        },
        reception,
      )
    const anyone = await search()
    const theirs = await search(client.id)
    if (!anyone.ok || !theirs.ok) throw new Error('search')
    // Alex's hour-long slots spread over the day: 09:00, 10:00, 11:00 … for anyone.
    expect(anyone.value.slots.map((s) => s.startsAt)).toContain(at('2026-03-02 10:00'))
    const starts = theirs.value.slots.map((s) => Date.parse(s.startsAt))
    for (const s of starts) {
      const overlapsSam =
        s < Date.parse(at('2026-03-02 11:00')) && s + 3_600_000 > Date.parse(at('2026-03-02 10:00'))
      expect(overlapsSam).toBe(false)
    }
    expect(theirs.value.slots[0]!.startsAt).toBe(at('2026-03-02 09:00'))
    expect(theirs.value.slots[1]!.startsAt).toBe(at('2026-03-02 11:00'))
  })
})
