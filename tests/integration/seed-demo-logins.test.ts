import { afterEach, describe, expect, it } from 'vitest'
import { StaffConnection } from '../../src/main/rpc/staff-connection'
import { seedDemoClinic } from '../../src/main/seed/demo-clinic'
import { DEMO_LOGINS } from '../../src/main/seed/demo-logins'
import { openTempCore } from '../fixtures/temp-core'

// `npm run seed` makes the sign-ins the README gives: the owner, and Sam Patel as a therapist
// who, with the owner's setting on, sees their own figures.

let core: Awaited<ReturnType<typeof openTempCore>> | null = null
afterEach(async () => {
  await core?.dispose()
  core = null
})

describe('the demo clinic’s sign-ins', () => {
  it('signs in the owner and the therapist with the README’s passwords; the therapist sees only their own figures', async () => {
    const c = (core = await openTempCore({ now: () => new Date('2026-06-17T06:30:00Z') }))
    await seedDemoClinic(c, { clients: 10, logins: true })
    const desk = new StaffConnection({
      router: c.router,
      now: c.now,
      idleLockMinutes: async () => 60,
    })
    const signIn = async (who: { username: string; password: string }) => {
      const r = await desk.call('auth.signIn', { username: who.username, password: who.password })
      expect(r.ok, JSON.stringify(r)).toBe(true)
    }
    const status = await desk.call('auth.status', {})
    expect(status.ok && (status.value as { firstRun: boolean }).firstRun).toBe(false)

    await signIn(DEMO_LOGINS.therapist)
    const me = await desk.call('auth.status', {})
    expect(me.ok && (me.value as { user: unknown }).user).toMatchObject({
      username: 'sam',
      role: 'therapist',
      mustChangePassword: false,
    })
    const range = { preset: 'this_month' as const }
    const own = await desk.call('reports.get', { report: 'appointments', range })
    expect(own.ok, JSON.stringify(own)).toBe(true)
    const takings = await desk.call('reports.get', { report: 'takings', range })
    expect(takings.ok).toBe(false)
    await desk.call('auth.signOut', {})

    await signIn(DEMO_LOGINS.owner)
    const settings = await desk.call('reports.settings', {})
    expect(settings.ok && (settings.value as { settings: object }).settings).toMatchObject({
      therapistsSeeOwn: true,
    })
  }, 120_000)
})
