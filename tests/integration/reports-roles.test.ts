import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aTherapist, at } from '../fixtures/diary'
import { aStaffMember } from '../fixtures/staff'
import { aSession, call, openTempCore } from '../fixtures/temp-core'
import type { Session } from '../../src/main/rpc/context'

// Who sees which report (issue 14, "Roles"): the owner everything; a therapist only their own
// appointment figures and commission, once the owner allows it; reception nothing.

let core: Awaited<ReturnType<typeof openTempCore>>
let sam: { id: number }
let alex: { id: number }
let samUser: Session
const owner = aSession('owner')
const range = { preset: 'custom' as const, from: '2026-06-01', to: '2026-06-30' }

beforeEach(async () => {
  core = await openTempCore({ now: () => new Date(at('2026-06-17 07:30')) })
  sam = await aTherapist('Sam').in(core)
  alex = await aTherapist('Alex').in(core)
  samUser = await aStaffMember(core.db, 'therapist', { username: 'sam' })
  await core.db
    .updateTable('users')
    .set({ therapist_id: sam.id })
    .where('id', '=', samUser.userId)
    .execute()
})
afterEach(async () => {
  await core.dispose()
})

const allow = (on: boolean) =>
  call(
    core,
    'reports.updateSettings',
    { rebookWindowDays: 30, therapistsSeeOwn: on, commissionBasis: 'received', recallWeeks: 12 },
    owner,
  )

describe('report roles', () => {
  it('refuses reception every report method', async () => {
    const reception = await aStaffMember(core.db, 'reception')
    for (const m of ['reports.get', 'reports.rows', 'reports.exportCsv'] as const) {
      const r = await call(
        core,
        m,
        { report: 'appointments', range, figure: 'dna' } as never,
        reception,
      )
      expect(r.ok ? null : r.error.code, m).toBe('forbidden')
    }
    const s = await call(core, 'reports.settings', {}, reception)
    expect(s.ok ? null : s.error.code).toBe('forbidden')
  })

  it('refuses a therapist until the owner shares reports, then shows only their own figures', async () => {
    const before = await call(core, 'reports.get', { report: 'appointments', range }, samUser)
    expect(before.ok ? null : before.error.message).toMatch(/has not shared reports/)
    expect((await allow(true)).ok).toBe(true)
    const own = await call(core, 'reports.get', { report: 'appointments', range }, samUser)
    expect(own.ok).toBe(true)
    // Asking for Alex's figures is refused, not quietly answered with Sam's.
    const other = await call(
      core,
      'reports.get',
      { report: 'appointments', range, therapistId: alex.id },
      samUser,
    )
    expect(other.ok ? null : other.error.code).toBe('forbidden')
    for (const report of [
      'takings',
      'outstanding',
      'clients',
      'recall',
      'referrals',
      'vat',
      'liabilities',
    ] as const) {
      const r = await call(core, 'reports.get', { report, range }, samUser)
      expect(r.ok ? null : r.error.code, report).toBe('forbidden')
    }
    const commission = await call(core, 'reports.get', { report: 'commission', range }, samUser)
    expect(commission.ok).toBe(true)
    const settings = await call(core, 'reports.settings', {}, samUser)
    expect(settings.ok ? null : settings.error.code).toBe('forbidden')
    expect((await allow(false)).ok).toBe(true)
    const after = await call(core, 'reports.get', { report: 'commission', range }, samUser)
    expect(after.ok ? null : after.error.code).toBe('forbidden')
  })

  it('refuses a therapist account not linked to a therapist in the diary', async () => {
    await allow(true)
    const loose = await aStaffMember(core.db, 'therapist', { username: 'loose' })
    const r = await call(core, 'reports.get', { report: 'appointments', range }, loose)
    expect(r.ok ? null : r.error.message).toMatch(/not linked/)
  })

  it('lets the owner run every report and refuses bad input by field', async () => {
    for (const report of [
      'takings',
      'outstanding',
      'vat',
      'appointments',
      'utilisation',
      'clients',
      'recall',
      'referrals',
      'commission',
      'liabilities',
    ] as const) {
      const r = await call(core, 'reports.get', { report, range }, owner)
      expect(r.ok, `${report} ${JSON.stringify(r)}`).toBe(true)
    }
    const backwards = await call(
      core,
      'reports.get',
      { report: 'takings', range: { preset: 'custom', from: '2026-06-30', to: '2026-06-01' } },
      owner,
    )
    expect(backwards.ok ? null : backwards.error.fieldErrors).toEqual([
      { path: 'range.to', message: 'End on or after the start' },
    ])
    const huge = await call(
      core,
      'reports.get',
      { report: 'takings', range: { preset: 'custom', from: '2000-01-01', to: '2026-06-01' } },
      owner,
    )
    expect(huge.ok ? null : huge.error.code).toBe('invalid_input')
    const unknown = await call(
      core,
      'reports.rows',
      { report: 'takings', range, figure: 'nope', limit: 10, offset: 0 },
      owner,
    )
    expect(unknown.ok ? null : unknown.error.code).toBe('not_found')
  })
})

describe('what the Reports screen may show (reports.access)', () => {
  it('tells the owner everything, a therapist nothing until shared, and why', async () => {
    const mine = await call(core, 'reports.access', {}, owner)
    expect(mine.ok && mine.value.reports).toHaveLength(10)
    const before = await call(core, 'reports.access', {}, samUser)
    expect(before.ok && before.value).toEqual({
      allowed: false,
      reports: [],
      therapist: null,
      reason: 'The owner has not shared reports with therapists.',
    })
    await allow(true)
    const after = await call(core, 'reports.access', {}, samUser)
    expect(after.ok && after.value).toEqual({
      allowed: true,
      reports: ['appointments', 'utilisation', 'commission'],
      therapist: { id: sam.id, name: 'Sam' },
      reason: null,
    })
    const loose = await aStaffMember(core.db, 'therapist', { username: 'loose' })
    const unlinked = await call(core, 'reports.access', {}, loose)
    expect(unlinked.ok && unlinked.value.reason).toMatch(/not linked/)
    const reception = await aStaffMember(core.db, 'reception')
    const r = await call(core, 'reports.access', {}, reception)
    expect(r.ok ? null : r.error.code).toBe('forbidden')
  })
})

describe('a therapist’s own figures', () => {
  it('lists only their own rows behind a figure and in the CSV, whatever the renderer asks', async () => {
    const { localToUtc, seedReportClinic } = await import('../fixtures/report-clinic')
    const w = seedReportClinic(core, 53, '2026-03-01', '2026-04-30')
    const jo = w.therapists[1]!
    await core.db
      .updateTable('users')
      .set({ therapist_id: jo.id })
      .where('id', '=', samUser.userId)
      .execute()
    await allow(true)
    const r = { preset: 'custom' as const, from: '2026-03-01', to: '2026-04-30' }
    const mine = await call(
      core,
      'reports.rows',
      { report: 'appointments', range: r, figure: 'total', limit: 1000, offset: 0 },
      samUser,
    )
    if (!mine.ok) throw new Error(mine.error.message)
    const theirs = w.appointments.filter(
      (a) =>
        a.therapistId === jo.id &&
        a.startsAt >= localToUtc('2026-03-01', 0) &&
        a.startsAt < localToUtc('2026-05-01', 0),
    )
    expect(theirs.length).toBeGreaterThan(0)
    expect(mine.value.total).toBe(theirs.length)
    expect(new Set(mine.value.rows.map((x) => x['therapist']))).toEqual(new Set([jo.name]))
    const csv = await call(core, 'reports.exportCsv', { report: 'commission', range: r }, samUser)
    if (!csv.ok) throw new Error(csv.error.message)
    for (const t of w.therapists.filter((t) => t.id !== jo.id)) {
      expect(csv.value.csv).not.toContain(t.name)
    }
    const other = await call(
      core,
      'reports.exportCsv',
      { report: 'appointments', range: r, therapistId: w.therapists[0]!.id, figure: 'dna' },
      samUser,
    )
    expect(other.ok ? null : other.error.code).toBe('forbidden')
  })

  it('are the owner’s figures filtered to that therapist, on a random clinic', async () => {
    const { seedReportClinic } = await import('../fixtures/report-clinic')
    const w = seedReportClinic(core, 41, '2026-03-01', '2026-04-30')
    const jo = w.therapists[2]!
    await core.db
      .updateTable('users')
      .set({ therapist_id: jo.id })
      .where('id', '=', samUser.userId)
      .execute()
    await allow(true)
    await core.db
      .insertInto('commission_rates')
      .values(w.therapists.map((t) => ({ therapist_id: t.id, service_id: 0, rate_bp: 3000 })))
      .execute()
    const r = { preset: 'custom' as const, from: '2026-03-01', to: '2026-04-30' }
    for (const report of ['appointments', 'utilisation', 'commission'] as const) {
      const mine = await call(core, 'reports.get', { report, range: r }, samUser)
      const owners = await call(
        core,
        'reports.get',
        { report, range: r, therapistId: jo.id },
        owner,
      )
      const all = await call(core, 'reports.get', { report, range: r }, owner)
      if (!mine.ok || !owners.ok || !all.ok) throw new Error(report)
      expect(mine.value.figures, report).toEqual(owners.value.figures)
      expect(mine.value.figures, report).not.toEqual(all.value.figures)
    }
  })
})
