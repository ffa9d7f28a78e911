import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCore, type PlinthCore } from '../../src/main/app-core'
import { silentLogger } from '../../src/main/log'
import type { StaffConnection } from '../../src/main/rpc/staff-connection'
import { aStaffMember, TEST_PASSWORD } from '../fixtures/staff'
import { tempDir } from '../fixtures/temp-core'
import { testKey } from '../fixtures/test-key'

let core: PlinthCore
let window: StaffConnection
let clock: Date
let cleanup: () => void

beforeEach(async () => {
  const tmp = tempDir()
  cleanup = tmp.remove
  clock = new Date('2026-11-25T09:00:00Z')
  core = await openCore({
    file: join(tmp.dir, 'clinic.sqlite'),
    key: testKey,
    log: silentLogger,
    now: () => clock,
    workstation: 'DESK-1',
  })
  window = core.connect()
})
afterEach(async () => {
  await core.close()
  cleanup()
})

function minutesLater(n: number) {
  clock = new Date(clock.getTime() + n * 60_000)
}

async function auditActions() {
  const rows = await core.db
    .selectFrom('audit_log')
    .select(['action', 'username'])
    .orderBy('id')
    .execute()
  return rows.map((r) => `${r.action} ${r.username ?? '-'}`)
}

describe('first run', () => {
  it('creates the owner, names the clinic and signs the owner in; only once', async () => {
    expect(await window.call('auth.status', {})).toMatchObject({
      ok: true,
      value: { firstRun: true, user: null, locked: false, idleLockMinutes: 5 },
    })
    const setup = await window.call('auth.setupOwner', {
      clinicName: 'Riverside Sports Massage',
      displayName: 'Alex Morgan',
      username: 'alex',
      password: 'hamstring-season-2026',
      confirmPassword: 'hamstring-season-2026',
    })
    expect(setup).toMatchObject({
      ok: true,
      value: { firstRun: false, user: { username: 'alex', role: 'owner' }, locked: false },
    })
    expect(await window.call('settings.get', {})).toMatchObject({
      ok: true,
      value: { clinicName: 'Riverside Sports Massage' },
    })
    const again = await core.connect().call('auth.setupOwner', {
      clinicName: 'Take-over',
      displayName: 'Mallory',
      username: 'mallory',
      password: 'hamstring-season-2026',
      confirmPassword: 'hamstring-season-2026',
    })
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(await auditActions()).toEqual(['auth.setupOwner alex', 'auth.signIn alex'])
    // Setting up was the owner's first sign-in: the staff list says when, not "Never".
    expect(await window.call('users.list', {})).toMatchObject({
      ok: true,
      value: [{ username: 'alex', lastSignInAt: '2026-11-25T09:00:00.000Z' }],
    })
  }, 20_000)

  it('refuses a common password with the reason next to the field', async () => {
    const result = await window.call('auth.setupOwner', {
      clinicName: 'Clinic',
      displayName: 'Alex',
      username: 'alex',
      password: 'password123',
      confirmPassword: 'password123',
    })
    expect(result).toMatchObject({
      ok: false,
      error: {
        fieldErrors: [{ path: 'password', message: expect.stringMatching(/commonly used/) }],
      },
    })
    expect(await core.db.selectFrom('users').selectAll().execute()).toEqual([])
  })
})

describe('signing in', () => {
  it('signs in with the right password and refuses a wrong one without saying which part', async () => {
    await aStaffMember(core.db, 'reception', { username: 'jo' })
    const wrong = await window.call('auth.signIn', { username: 'jo', password: 'nope-nope-nope' })
    const unknown = await window.call('auth.signIn', {
      username: 'nobody',
      password: TEST_PASSWORD,
    })
    expect(wrong).toEqual(unknown)
    expect(wrong).toMatchObject({ ok: true, value: { status: 'failed' } })
    expect(await window.call('settings.get', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    })
    const right = await window.call('auth.signIn', { username: ' JO ', password: TEST_PASSWORD })
    expect(right).toMatchObject({
      ok: true,
      value: { status: 'signed-in', auth: { user: { username: 'jo', role: 'reception' } } },
    })
    expect(await auditActions()).toEqual([
      'auth.signInFailed jo',
      'auth.signInFailed nobody',
      'auth.signIn jo',
    ])
  }, 20_000)

  it('locks an account for 5 minutes after 5 wrong passwords, and audits it', async () => {
    await aStaffMember(core.db, 'therapist', { username: 'sam' })
    for (let i = 0; i < 4; i++) {
      expect(
        await window.call('auth.signIn', { username: 'sam', password: `wrong-${i}-attempt` }),
      ).toMatchObject({ ok: true, value: { status: 'failed' } })
    }
    const fifth = await window.call('auth.signIn', { username: 'sam', password: 'wrong-4-attempt' })
    expect(fifth).toMatchObject({
      ok: true,
      value: { status: 'locked', lockedUntil: '2026-11-25T09:05:00.000Z' },
    })
    // Even the right password is refused while the lock lasts.
    minutesLater(4)
    expect(
      await window.call('auth.signIn', { username: 'sam', password: TEST_PASSWORD }),
    ).toMatchObject({ ok: true, value: { status: 'locked' } })
    minutesLater(1.5)
    expect(
      await window.call('auth.signIn', { username: 'sam', password: TEST_PASSWORD }),
    ).toMatchObject({ ok: true, value: { status: 'signed-in' } })
    const actions = await auditActions()
    expect(actions.filter((a) => a === 'auth.signInFailed sam')).toHaveLength(5)
    expect(actions).toContain('auth.accountLocked sam')
    expect(actions).toContain('auth.signInRefusedLocked sam')
    expect(actions.at(-1)).toBe('auth.signIn sam')
  }, 30_000)

  it('honours a lockout policy changed by the owner', async () => {
    const owner = await aStaffMember(core.db, 'owner')
    const updated = await core.router.call(
      'security.update',
      { idleLockMinutes: 10, maxFailedAttempts: 3, lockoutMinutes: 15, notesAuthorOnly: true },
      owner,
    )
    expect(updated).toMatchObject({ ok: true, value: { maxFailedAttempts: 3, lockoutMinutes: 15 } })
    await aStaffMember(core.db, 'reception', { username: 'kim' })
    for (let i = 0; i < 2; i++)
      await window.call('auth.signIn', { username: 'kim', password: 'x'.repeat(3) + i })
    expect(
      await window.call('auth.signIn', { username: 'kim', password: 'bad-again' }),
    ).toMatchObject({
      ok: true,
      value: { status: 'locked', lockedUntil: '2026-11-25T09:15:00.000Z' },
    })
  }, 20_000)

  it('does not let a deactivated account sign in', async () => {
    const owner = await aStaffMember(core.db, 'owner')
    const leaver = await aStaffMember(core.db, 'therapist', { username: 'leaver' })
    await core.router.call(
      'users.update',
      {
        id: leaver.userId,
        displayName: 'Leaver',
        role: 'therapist',
        therapistId: null,
        active: false,
      },
      owner,
    )
    expect(
      await window.call('auth.signIn', { username: 'leaver', password: TEST_PASSWORD }),
    ).toMatchObject({ ok: true, value: { status: 'failed' } })
  }, 20_000)
})

describe('locking the screen', () => {
  it('locks after the idle limit, in main, and unlocks with the password or the PIN', async () => {
    await aStaffMember(core.db, 'reception', { username: 'jo' })
    await window.call('auth.signIn', { username: 'jo', password: TEST_PASSWORD })
    expect(
      await window.call('auth.setPin', { currentPassword: TEST_PASSWORD, pin: '4071' }),
    ).toMatchObject({ ok: true, value: { user: { hasPin: true } } })

    minutesLater(4)
    expect((await window.call('settings.get', {})).ok).toBe(true)
    minutesLater(5.5)
    expect(await window.call('settings.get', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    })
    expect(await window.call('auth.status', {})).toMatchObject({
      ok: true,
      value: { locked: true, user: { username: 'jo' } },
    })
    expect(await window.call('auth.unlock', { secret: '0000' })).toMatchObject({
      ok: true,
      value: { status: 'failed' },
    })
    expect(await window.call('auth.unlock', { secret: '4071' })).toMatchObject({
      ok: true,
      value: { status: 'signed-in', auth: { locked: false } },
    })
    expect((await window.call('settings.get', {})).ok).toBe(true)
    const rows = await core.db.selectFrom('audit_log').select(['action', 'summary']).execute()
    expect(rows).toContainEqual({ action: 'auth.lock', summary: 'Locked after being idle' })
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['auth.setPin', 'auth.unlockFailed', 'auth.unlock']),
    )
  }, 30_000)

  it('lets another member of staff take over a locked screen', async () => {
    await aStaffMember(core.db, 'reception', { username: 'jo' })
    await aStaffMember(core.db, 'therapist', { username: 'sam' })
    await window.call('auth.signIn', { username: 'jo', password: TEST_PASSWORD })
    await window.call('auth.lock', {})
    const switched = await window.call('auth.signIn', { username: 'sam', password: TEST_PASSWORD })
    expect(switched).toMatchObject({
      ok: true,
      value: { status: 'signed-in', auth: { user: { username: 'sam' }, locked: false } },
    })
    expect(await auditActions()).toEqual([
      'auth.signIn jo',
      'auth.lock jo',
      'auth.switchUser sam',
      'auth.signIn sam',
    ])
  }, 20_000)
})

describe('password resets', () => {
  it('forces a new password after the owner resets one, before anything else', async () => {
    const owner = await aStaffMember(core.db, 'owner')
    const jo = await aStaffMember(core.db, 'reception', { username: 'jo' })
    const reset = await core.router.call(
      'users.resetPassword',
      { id: jo.userId, temporaryPassword: 'temporary-pass-77' },
      owner,
    )
    expect(reset).toMatchObject({ ok: true, value: { mustChangePassword: true } })
    expect(
      await window.call('auth.signIn', { username: 'jo', password: TEST_PASSWORD }),
    ).toMatchObject({ ok: true, value: { status: 'failed' } })
    expect(
      await window.call('auth.signIn', { username: 'jo', password: 'temporary-pass-77' }),
    ).toMatchObject({ ok: true, value: { auth: { user: { mustChangePassword: true } } } })
    expect(await window.call('settings.get', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'Choose a new password before continuing.' },
    })
    expect(
      await window.call('auth.changePassword', {
        currentPassword: 'temporary-pass-77',
        newPassword: 'ice-bath-mornings',
        confirmPassword: 'ice-bath-mornings',
      }),
    ).toMatchObject({ ok: true, value: { user: { mustChangePassword: false } } })
    expect((await window.call('settings.get', {})).ok).toBe(true)
  }, 30_000)

  it('keeps at least one active owner', async () => {
    const owner = await aStaffMember(core.db, 'owner')
    const result = await core.router.call(
      'users.update',
      {
        id: owner.userId,
        displayName: 'Owner',
        role: 'reception',
        therapistId: null,
        active: true,
      },
      owner,
    )
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'rule_broken', message: /only active owner/ },
    })
  })

  it('refuses a username that is taken, whatever its case', async () => {
    const owner = await aStaffMember(core.db, 'owner')
    await aStaffMember(core.db, 'reception', { username: 'jo.smith' })
    const result = await core.router.call(
      'users.create',
      {
        displayName: 'Jo Two',
        username: 'JO.Smith',
        role: 'reception',
        temporaryPassword: 'temporary-pass-77',
      },
      owner,
    )
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'conflict', fieldErrors: [{ path: 'username' }] },
    })
  })
})
