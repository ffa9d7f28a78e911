import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ChangeEvent } from '../../src/shared/change-events'
import type { DeskLink, LinkState } from '../../src/main/link/desk-client'
import { aBookableClient, aService, aTherapist, at, WEEKDAYS } from '../fixtures/diary'
import { deskCall, pairDesk, signInAtDesk, startHost, type Host } from '../fixtures/desk-link'

const clock = new Date('2026-02-20T10:00:00Z')
let host: Host
let deskA: DeskLink
let deskB: DeskLink
let sam: { id: number }
let massage: { id: number }
let client: { id: number }

beforeEach(async () => {
  host = await startHost({ now: () => clock })
  massage = await aService('Sports massage 60 min').lasting(60).in(host)
  sam = await aTherapist('Sam')
    .working(WEEKDAYS, '09:00-13:00', '14:00-19:00')
    .offering(massage)
    .in(host)
  client = await aBookableClient(host)
  deskA = await pairDesk(host, 'Reception')
  deskB = await pairDesk(host, 'Room 2')
  await signInAtDesk(host, deskA, 'reception', 'reception.a')
  await signInAtDesk(host, deskB, 'therapist', 'therapist.b')
})
afterEach(async () => {
  deskA.close()
  deskB.close()
  await host.dispose()
})

/** The n-th bookable hour of Sam's from Mon 2 March 2026: 9 working hours a weekday. */
function slot(n: number): string {
  const day = new Date(Date.UTC(2026, 2, 2))
  let weekday = 0
  for (let d = 0; weekday <= Math.floor(n / 9); d++) {
    const date = new Date(day.getTime() + d * 86_400_000)
    if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue
    if (weekday === Math.floor(n / 9)) {
      const hours = [9, 10, 11, 12, 14, 15, 16, 17, 18]
      const hh = String(hours[n % 9]).padStart(2, '0')
      return at(`${date.toISOString().slice(0, 10)} ${hh}:00`)
    }
    weekday++
  }
  throw new Error('unreachable')
}

function book(link: DeskLink, startsAt: string) {
  return deskCall(link, 'diary.book', {
    clientId: client.id,
    serviceId: massage.id,
    therapistId: sam.id,
    startsAt,
  })
}

describe('two desks, one diary', () => {
  it('lets exactly one of two desks booking the same slot at once win, 100 times over', async () => {
    const outcomes: string[] = []
    for (let n = 0; n < 100; n++) {
      const startsAt = slot(n)
      const [a, b] = await Promise.all([book(deskA, startsAt), book(deskB, startsAt)])
      const winners = [a, b].filter((r) => r.ok)
      const loser = [a, b].find((r) => !r.ok)
      outcomes.push(
        `${winners.length} ${loser && !loser.ok ? loser.error.code : 'none'} ${loser && !loser.ok && /Sam/.test(loser.error.message) ? 'named' : 'unnamed'}`,
      )
    }
    // Every race: one winner; the other refused by the booking rules with the clash named.
    expect(new Set(outcomes)).toEqual(new Set(['1 rule_broken named']))
    // And a slot already taken stays taken for both.
    const [a, b] = await Promise.all([book(deskA, slot(0)), book(deskB, slot(0))])
    expect(a.ok || b.ok).toBe(false)
    const booked = await host.db.selectFrom('appointments').select('id').execute()
    expect(booked).toHaveLength(100)
  }, 120_000)

  it('tells the other desk of a booking within a second, and never of a read', async () => {
    const events: ChangeEvent[] = []
    const states: LinkState[] = []
    const stop = deskB.listen(
      (e) => events.push(e),
      (s) => states.push(s),
    )
    try {
      await waitFor(() => states.includes('connected'), 5000)
      await deskCall(deskA, 'settings.get', {})
      await deskCall(deskA, 'diary.range', {
        from: at('2026-03-02 00:00'),
        to: at('2026-03-09 00:00'),
      } as never)
      const started = performance.now()
      const booked = await book(deskA, slot(3))
      expect(booked.ok).toBe(true)
      await waitFor(() => events.length > 0, 1000)
      expect(performance.now() - started).toBeLessThan(1000)
      expect(events.map((e) => e.method)).toEqual(['diary.book'])
    } finally {
      stop()
    }
  })

  it('shows the host going away and comes back when it returns, with nothing lost on the host', async () => {
    const states: LinkState[] = []
    const stop = deskB.listen(
      () => {},
      (s) => states.push(s),
    )
    try {
      await waitFor(() => states.at(-1) === 'connected', 5000)
      const port = host.port
      await host.deskHost.stop()
      await waitFor(() => states.at(-1) === 'reconnecting', 3000)
      const offline = await book(deskA, slot(5))
      expect(offline).toMatchObject({ ok: false, error: { code: 'unreachable' } })
      expect(offline.ok || offline.error.message).toMatch(/cannot be reached/)
      await host.deskHost.start(port)
      await waitFor(() => states.at(-1) === 'connected', 5000)
      // Sessions were dropped with the server: a desk signs in again, and then books.
      await signInAtDesk(host, deskA, 'reception', 'reception.a')
      expect((await book(deskA, slot(5))).ok).toBe(true)
    } finally {
      stop()
    }
  })
})

async function waitFor(done: () => boolean, withinMs: number): Promise<void> {
  const until = performance.now() + withinMs
  while (!done()) {
    if (performance.now() > until) throw new Error(`not within ${withinMs} ms`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('the host restores a backup', () => {
  it('tells every desk, which then reads the restored data', async () => {
    const events: string[] = []
    let connected = false
    const stop = deskB.listen(
      (e) => events.push(e.method),
      (s) => (connected = s === 'connected'),
    )
    try {
      await waitFor(() => connected, 5000)
      const owner = { userId: 1, username: 'owner', displayName: 'Owner', role: 'owner' as const }
      const job = async (method: 'backups.create' | 'backups.restore', input: object) => {
        const started = await host.router.call(method, input, owner)
        if (!started.ok) throw new Error(started.error.message)
        const { id } = started.value as { id: string }
        for (let i = 0; i < 1000; i++) {
          const r = await host.router.call('backups.job', { id }, owner)
          const state = r.ok ? (r.value as { state: string }).state : 'failed'
          if (state !== 'running') return state
          await new Promise((done) => setTimeout(done, 20))
        }
        throw new Error('job did not finish in 20 s')
      }
      expect(await job('backups.create', {})).toBe('done')
      const list = await host.router.call('backups.list', {}, owner)
      const [backup] = (list as { value: { backups: { name: string }[] } }).value.backups
      const diary = async () => {
        const range = await deskCall(deskB, 'diary.range', {
          from: at('2026-03-02 00:00'),
          to: at('2026-03-20 00:00'),
        } as never)
        if (!range.ok) throw new Error(range.error.message)
        return JSON.stringify(range.value)
      }
      expect((await book(deskA, slot(7))).ok).toBe(true)
      expect(await diary()).toContain(slot(7))
      expect(await job('backups.restore', { name: backup!.name })).toBe('done')
      await waitFor(() => events.includes('backups.restored'), 2000)
      // The booking made after the backup is gone, as the desk now sees.
      expect(await diary()).not.toContain(slot(7))
    } finally {
      stop()
    }
  }, 60_000)
})
