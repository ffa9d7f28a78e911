import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { methodNames, type InputOf, type MethodName } from '../../src/shared/contract'
import type { Session } from '../../src/main/rpc/context'
import { HANDOVER_METHODS } from '../../src/main/rpc/handover-gate'
import type { StaffConnection } from '../../src/main/rpc/staff-connection'
import { aClient } from '../fixtures/clients'
import { callOk } from '../fixtures/notes'
import { aStaffMember, TEST_PASSWORD } from '../fixtures/staff'
import { openTempCore } from '../fixtures/temp-core'
import { validInputOf } from '../fixtures/valid-inputs'

// A measure handed to the client on the clinic tablet (issue 18): through the real router
// and a real window connection, on a real SQLite file.

let core: Awaited<ReturnType<typeof openTempCore>>
let clock: Date
let tablet: StaffConnection
let owner: Session
let therapist: Session
let clientId: number

beforeEach(async () => {
  clock = new Date('2026-06-17T09:00:00Z')
  core = await openTempCore({ now: () => clock })
  owner = await aStaffMember(core.db, 'owner', { username: 'olivia', displayName: 'Olivia' })
  therapist = await aStaffMember(core.db, 'therapist', { username: 'sam', displayName: 'Sam' })
  await aStaffMember(core.db, 'reception', { username: 'rita', displayName: 'Rita' })
  clientId = (
    await aClient()
      .named('Ravi', 'Patel-Quartermain')
      .with({ mobile: '07700 900123', email: 'ravi@example.com' })
      .in(core)
  ).id
  tablet = core.connect()
})
afterEach(async () => {
  await core.dispose()
})

const later = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * 60_000)
}

async function on<M extends MethodName>(method: M, input: InputOf<M>) {
  return tablet.call(method, input)
}

async function signIn(username: string) {
  const r = await on('auth.signIn', { username, password: TEST_PASSWORD })
  expect(r).toMatchObject({ ok: true, value: { status: 'signed-in' } })
}

async function handOver(kind: 'psfs' | 'lefs' | 'visa_a' = 'psfs', minutes = 30) {
  const r = await on('handover.start', { clientId, appointmentId: null, kind, minutes })
  expect(r.ok, JSON.stringify(r)).toBe(true)
}

const psfs = (score: number) => ({
  kind: 'psfs' as const,
  activities: [
    { activity: 'Run 10 km', score },
    { activity: 'Stairs after a long run', score: score + 1 },
  ],
})

async function auditOf(action: string) {
  return core.db
    .selectFrom('audit_log')
    .select(['action', 'summary', 'username', 'entity_id'])
    .where('action', '=', action)
    .orderBy('id')
    .execute()
}

describe('a screen handed to a client', () => {
  it('refuses every other method of the contract, for the owner’s session too', async () => {
    await signIn('olivia')
    await handOver()
    const others = methodNames.filter((m) => !HANDOVER_METHODS.has(m))
    expect(others.length).toBeGreaterThan(150)
    for (const name of others) {
      const viaScreen = await tablet.call(name, validInputOf(name))
      expect(viaScreen, name).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: expect.stringContaining('handed to a client') },
      })
      // The router itself, given the owner's session and the handed-over screen.
      const direct = await core.router.call(name, validInputOf(name), owner, tablet)
      expect(direct.ok ? null : direct.error.code, name).toBe('forbidden')
    }
    // What the screen may still ask says only that it is handed over.
    expect(await on('auth.status', {})).toMatchObject({
      ok: true,
      value: { user: null, locked: false, handover: true },
    })
    // Nothing was changed or read: the only audit lines are the sign-in and the handover.
    const actions = (await core.db.selectFrom('audit_log').select('action').execute()).map(
      (r) => r.action,
    )
    expect(actions.slice(actions.indexOf('auth.signIn'))).toEqual(['auth.signIn', 'handover.start'])
  })

  it('shows the form with the client’s first name and the activities to re-score, nothing else', async () => {
    await callOk(
      core,
      'measures.record',
      { clientId, appointmentId: null, replacesId: null, measure: psfs(3) },
      therapist,
    )
    await signIn('sam')
    await handOver('psfs')
    const form = await on('handover.form', {})
    expect(form).toEqual({
      ok: true,
      value: {
        kind: 'psfs',
        firstName: 'Ravi',
        expiresAt: '2026-06-17T09:30:00.000Z',
        state: 'open',
        activities: ['Run 10 km', 'Stairs after a long run'],
        draft: null,
      },
    })
    const text = JSON.stringify(form)
    for (const other of ['Patel', '07700', 'ravi@', '"score"']) expect(text).not.toContain(other)
  })

  it('offers no earlier activities when reception hands the form over', async () => {
    await callOk(
      core,
      'measures.record',
      { clientId, appointmentId: null, replacesId: null, measure: psfs(3) },
      therapist,
    )
    await signIn('rita')
    await handOver('psfs')
    expect(await on('handover.form', {})).toMatchObject({
      ok: true,
      value: { firstName: 'Ravi', activities: [] },
    })
  })

  it('keeps the client’s draft across a reload, and does not lock for idleness meanwhile', async () => {
    await signIn('sam')
    await handOver('lefs')
    const draft = JSON.stringify({ answers: ['4', '3', ''] })
    expect(await on('handover.saveDraft', { draft })).toEqual({ ok: true, value: { ok: true } })
    later(12) // past the 5-minute idle lock: the handover has its own limit
    expect(await on('handover.form', {})).toMatchObject({
      ok: true,
      value: { kind: 'lefs', state: 'open', draft },
    })
    expect(await on('auth.status', {})).toMatchObject({ value: { handover: true, locked: false } })
  })

  it('saves the answers as the client’s measure, versioned and audited without health data', async () => {
    await signIn('sam')
    await handOver('psfs')
    await on('handover.saveDraft', { draft: '{"rows":[]}' })
    later(4)
    expect(await on('handover.submit', { measure: psfs(6) })).toEqual({
      ok: true,
      value: { ok: true },
    })
    const rows = await core.db.selectFrom('client_measures').selectAll().execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      client_id: clientId,
      kind: 'psfs',
      source: 'client',
      instrument_version: 1,
      score: 6.5,
      recorded_by: therapist.userId,
      taken_at: '2026-06-17T09:04:00.000Z',
    })
    expect(await on('handover.form', {})).toMatchObject({
      value: { state: 'submitted', draft: null, activities: [] },
    })
    // Sent once: a second send (a double tap) is refused and records nothing.
    expect(await on('handover.submit', { measure: psfs(7) })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    })
    expect(await core.db.selectFrom('client_measures').select('id').execute()).toHaveLength(1)
    const lines = [...(await auditOf('handover.start')), ...(await auditOf('handover.submit'))]
    expect(lines).toHaveLength(2)
    for (const line of lines) {
      expect(line).toMatchObject({ username: 'sam', entity_id: String(clientId) })
      expect(line.summary).not.toMatch(/PSFS|LEFS|VISA|Run 10|6\.5|score/i)
    }
    // The therapist takes it back and reads it in the client's progress, marked as the client's.
    expect(await on('handover.end', { password: TEST_PASSWORD })).toMatchObject({
      ok: true,
      value: { status: 'signed-in', auth: { user: { username: 'sam' } } },
    })
    const progress = await on('measures.progress', { clientId })
    expect(progress).toMatchObject({
      ok: true,
      value: {
        psfs: [
          { activity: 'Run 10 km', points: [{ score: 6 }] },
          { activity: 'Stairs after a long run', points: [{ score: 7 }] },
        ],
        entries: [{ source: 'client', recordedBy: 'Sam' }],
      },
    })
  })

  it('refuses answers for a different measure than the one handed over', async () => {
    await signIn('sam')
    await handOver('visa_a')
    const r = await on('handover.submit', { measure: psfs(5) })
    expect(r).toMatchObject({ ok: false, error: { code: 'rule_broken' } })
    expect(await core.db.selectFrom('client_measures').select('id').execute()).toEqual([])
  })

  it('closes the form when its time runs out; only staff’s password leaves it', async () => {
    await signIn('sam')
    await handOver('psfs', 10)
    await on('handover.saveDraft', { draft: '{"rows":[{"activity":"Hills"}]}' })
    later(10)
    expect(await on('handover.form', {})).toMatchObject({
      ok: true,
      value: { state: 'expired', draft: null },
    })
    expect(await on('handover.submit', { measure: psfs(5) })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('run out') },
    })
    expect(await on('handover.saveDraft', { draft: '{}' })).toMatchObject({ ok: false })
    // Expired is not over: the rest of Plinth stays shut until staff take the screen back.
    expect(await on('clients.get', { id: clientId })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    expect(await on('auth.status', {})).toMatchObject({ value: { handover: true } })
    expect(await core.db.selectFrom('client_measures').select('id').execute()).toEqual([])
    expect(await on('handover.end', { password: TEST_PASSWORD })).toMatchObject({
      value: { status: 'signed-in' },
    })
    expect(await on('clients.get', { id: clientId })).toMatchObject({ ok: true })
  })

  it('counts a wrong password as a failed sign-in, and locks the account out like one', async () => {
    await signIn('sam')
    await handOver()
    const wrong = await on('handover.end', { password: 'not the password' })
    expect(wrong).toEqual({
      ok: true,
      value: { status: 'failed', message: 'That password is not right.' },
    })
    const sam = () =>
      core.db
        .selectFrom('users')
        .select(['failed_attempts', 'locked_until'])
        .where('username', '=', 'sam')
        .executeTakeFirstOrThrow()
    expect((await sam()).failed_attempts).toBe(1)
    expect(await auditOf('auth.takeBackFailed')).toHaveLength(1)
    expect(await on('auth.status', {})).toMatchObject({ value: { handover: true } })
    expect(await on('clients.search', { query: 'Ravi' })).toMatchObject({ ok: false })

    for (let i = 0; i < 4; i++) await on('handover.end', { password: 'still not it' })
    expect((await sam()).locked_until).not.toBeNull()
    expect(await auditOf('auth.accountLocked')).toHaveLength(1)
    // Locked out: signed out altogether, so the screen asks for a sign-in, not the form.
    expect(await on('auth.status', {})).toMatchObject({
      ok: true,
      value: { user: null, locked: false },
    })
    const status = await on('auth.status', {})
    expect(status.ok && (status.value as { handover?: boolean }).handover).toBeFalsy()
    expect(tablet.handover).toBeNull()
  })

  it('needs an app window to hand a form over', async () => {
    const r = await core.router.call(
      'handover.start',
      { clientId, appointmentId: null, kind: 'psfs' },
      therapist,
    )
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } })
    const form = await core.router.call('handover.form', {}, therapist, tablet)
    expect(form).toMatchObject({ ok: false, error: { code: 'conflict' } })
  })
})

describe('viewing a client’s progress', () => {
  it('writes one audit line per client per sign-in, not one per refetch', async () => {
    await signIn('sam')
    for (let i = 0; i < 3; i++) expect((await on('measures.progress', { clientId })).ok).toBe(true)
    expect(await auditOf('measures.opened')).toHaveLength(1)
    const other = await aClient().named('Nia', 'Jones').in(core)
    await on('measures.progress', { clientId: other.id })
    expect(await auditOf('measures.opened')).toHaveLength(2)
    // A new session (signing out and in again) is audited again.
    await on('auth.signOut', {})
    await signIn('sam')
    await on('measures.progress', { clientId })
    expect(await auditOf('measures.opened')).toHaveLength(3)
  })
})
