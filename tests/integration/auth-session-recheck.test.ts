import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { StaffConnection } from '../../src/main/rpc/staff-connection'
import { isStillSignedIn } from '../../src/main/services/auth/still-signed-in'
import { aStaffMember } from '../fixtures/staff'
import { openTempCore } from '../fixtures/temp-core'

// A window's session is checked against the database of the moment on every call (issue
// #12): an account switched off, given another role or missing after a restore is signed
// out at once; and an answer that comes back after the screen locked is not shown.

type Core = Awaited<ReturnType<typeof openTempCore>>
let core: Core
let window: StaffConnection
beforeEach(async () => {
  core = await openTempCore({ now: () => new Date('2026-06-17T09:00:00Z') })
  window = core.connect()
})
afterEach(async () => {
  await core.dispose()
})

async function signedInAs(role: 'owner' | 'reception' | 'therapist', username: string) {
  const session = await aStaffMember(core.db, role, { username })
  window.begin(session)
  expect(await window.call('clients.search', { query: 'Kate' })).toMatchObject({ ok: true })
  return session
}

describe('a signed-in window', () => {
  it('is signed out at once when the account is switched off', async () => {
    const jo = await signedInAs('reception', 'jo')
    await core.db.updateTable('users').set({ active: 0 }).where('id', '=', jo.userId).execute()
    expect(await window.call('clients.search', { query: 'Kate' })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated', message: expect.stringMatching(/Sign in again/) },
    })
    expect(window.user).toBeNull()
    expect(await window.call('auth.status', {})).toMatchObject({ ok: true, value: { user: null } })
  })

  it('is signed out when the role changed, so the old role’s rights are not kept', async () => {
    const sam = await signedInAs('reception', 'sam')
    await core.db.updateTable('users').set({ role: 'owner' }).where('id', '=', sam.userId).execute()
    expect(await window.call('clients.search', { query: 'Kate' })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    })
  })

  it('is signed out when the account is not in the database any more (as after a restore)', async () => {
    const temp = await signedInAs('therapist', 'temp')
    await core.db.deleteFrom('users').where('id', '=', temp.userId).execute()
    expect(await window.call('clients.search', { query: 'Kate' })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    })
  })

  it('keeps working while nothing about the account changed', async () => {
    await signedInAs('owner', 'alex')
    for (let i = 0; i < 3; i++) {
      expect(await window.call('clients.search', { query: 'Kate' })).toMatchObject({ ok: true })
    }
  })

  it('does not show an answer that arrived after the screen locked', async () => {
    // A call that waits on real I/O (a PDF, a file) can still be running when the lock
    // arrives; this router holds the call until the test has locked the screen.
    let release!: () => void
    const held = new Promise<void>((done) => (release = done))
    const slow = new StaffConnection({
      router: {
        ...core.router,
        call: async (...args: Parameters<typeof core.router.call>) => {
          const result = await core.router.call(...args)
          await held
          return result
        },
      },
      now: () => new Date('2026-06-17T09:00:00Z'),
      idleLockMinutes: async () => 5,
      stillValid: (session) => isStillSignedIn(core.db, session),
    })
    slow.begin(await aStaffMember(core.db, 'owner', { username: 'alex' }))
    const pending = slow.call('clients.search', { query: 'Kate' })
    await new Promise((next) => setImmediate(next))
    slow.lock()
    release()
    expect(await pending).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated', message: expect.stringMatching(/locked/) },
    })
  })
})

describe('the idle lock in main', () => {
  it('is not held off by background polls, only by the heartbeat of someone working', async () => {
    let clock = new Date('2026-06-17T09:00:00Z').getTime()
    const desk = new StaffConnection({
      router: core.router,
      now: () => new Date(clock),
      idleLockMinutes: async () => 10,
      stillValid: (session) => isStillSignedIn(core.db, session),
    })
    desk.begin(await aStaffMember(core.db, 'owner', { username: 'alex' }))
    // Nobody at the desk: the health poll and a job poll come every minute for 11 minutes.
    for (let minute = 1; minute <= 11; minute++) {
      clock += 60_000
      await desk.call('backups.health', {})
      await desk.call('clients.search', { query: 'Kate' })
    }
    expect(desk.locked).toBe(true)

    // Someone working: a heartbeat every 20 seconds of input keeps it open past the limit.
    desk.unlock()
    for (let beat = 1; beat <= 45; beat++) {
      clock += 20_000
      expect(await desk.call('auth.heartbeat', {})).toMatchObject({ ok: true })
    }
    expect(desk.locked).toBe(false)
    expect(await desk.call('clients.search', { query: 'Kate' })).toMatchObject({ ok: true })
  })
})
