import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aClient } from '../fixtures/clients'
import { aNote, aTherapistAccount, callOk } from '../fixtures/notes'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

type Core = Awaited<ReturnType<typeof openTempCore>>
let core: Core
let clock = new Date('2026-06-17T09:00:00Z')
const owner = aSession('owner')
beforeEach(async () => {
  clock = new Date('2026-06-17T09:00:00Z')
  core = await openTempCore({ now: () => clock })
})
afterEach(async () => {
  await core.dispose()
})

const psfs = (run: number, stairs: number) => ({
  kind: 'psfs' as const,
  activities: [
    { activity: 'Run 10 km', score: run },
    { activity: 'Stairs after a long run', score: stairs },
  ],
})
const slr = (left: number, right: number) => ({
  kind: 'rom' as const,
  slr: { left, right },
})

describe('recording a runner’s measures', () => {
  it('charts PSFS per activity, LEFS, ROM asymmetry and load over visits, pain from notes', async () => {
    const sam = await aTherapistAccount(core, 'Sam')
    const priya = await aClient().named('Priya', 'Shah').in(core)
    await aNote(core, sam.session, priya.id).withPain(7, 4).signed().in()
    const rec = (measure: object, takenAt: string) =>
      callOk(
        core,
        'measures.record',
        { clientId: priya.id, takenAt, measure: measure as never },
        sam.session,
      )
    await rec(psfs(3, 5), '2026-05-01T09:00:00Z')
    await rec(slr(60, 80), '2026-05-01T09:00:00Z')
    await rec({ kind: 'lefs', answers: Array(20).fill(2) }, '2026-05-01T09:00:00Z')
    await rec(
      {
        kind: 'load',
        sessions: [{ rpe: 6, minutes: 50 }],
        longestRunKm: 16,
        longestRunOn: '2026-04-28',
      },
      '2026-05-01T09:00:00Z',
    )
    await rec(psfs(6, 7), '2026-05-15T09:00:00Z')
    await rec(slr(72, 80), '2026-05-15T09:00:00Z')
    await rec(
      {
        kind: 'load',
        sessions: [
          { rpe: 7, minutes: 100 },
          { rpe: 3, minutes: 30 },
        ],
        longestRunKm: 18,
        longestRunOn: '2026-05-12',
      },
      '2026-05-15T09:00:00Z',
    )

    const p = await callOk(core, 'measures.progress', { clientId: priya.id }, sam.session)
    expect(p.psfs).toEqual([
      {
        activity: 'Run 10 km',
        points: [
          { at: '2026-05-01T09:00:00.000Z', score: 3 },
          { at: '2026-05-15T09:00:00.000Z', score: 6 },
        ],
      },
      {
        activity: 'Stairs after a long run',
        points: [
          { at: '2026-05-01T09:00:00.000Z', score: 5 },
          { at: '2026-05-15T09:00:00.000Z', score: 7 },
        ],
      },
    ])
    expect(p.lefs).toEqual([{ at: '2026-05-01T09:00:00.000Z', score: 40 }])
    const slrLine = p.rom.find((r) => r.test === 'slr')!
    expect(slrLine.points.map((x) => [x.left, x.right, x.asymmetry])).toEqual([
      [60, 80, 25],
      [72, 80, 10],
    ])
    // 6×50 = 300; 7×100 + 3×30 = 790; 18 km is 12.5% over the 16 km of 14 days before.
    expect(p.load.map((l) => [l.load, l.flag?.increasePercent ?? null])).toEqual([
      [300, null],
      [790, 12.5],
    ])
    expect(p.pain).toMatchObject([{ before: 7, after: 4, change: 'much better' }])
    expect(p.entries).toHaveLength(7)
    expect(p.entries[0]!.recordedBy).toBe('Sam')
  })

  it('keeps a corrected entry in the file, out of the chart, and refuses to alter it', async () => {
    const sam = await aTherapistAccount(core, 'Sam')
    const c = await aClient().in(core)
    const first = await callOk(
      core,
      'measures.record',
      { clientId: c.id, measure: slr(50, 80) },
      sam.session,
    )
    const fixed = await callOk(
      core,
      'measures.record',
      { clientId: c.id, replacesId: first.id, measure: slr(70, 80) },
      sam.session,
    )
    expect(fixed.replacesId).toBe(first.id)
    const p = await callOk(core, 'measures.progress', { clientId: c.id }, sam.session)
    expect(p.rom[0]!.points.map((x) => x.left)).toEqual([70])
    const again = await call(
      core,
      'measures.record',
      { clientId: c.id, replacesId: first.id, measure: slr(71, 80) },
      sam.session,
    )
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } })
    await expect(
      sql`UPDATE client_measures SET answers = '{}' WHERE id = ${first.id}`.execute(core.db),
    ).rejects.toThrow(/cannot be changed/)
    const rows = await core.db.selectFrom('client_measures').select('id').execute()
    expect(rows).toHaveLength(2)
  })

  it('refuses answers the published forms do not allow, naming the field', async () => {
    const c = await aClient().in(core)
    const bad = await call(
      core,
      'measures.record',
      {
        clientId: c.id,
        measure: {
          kind: 'visa_a',
          scales: [1, 2, 3, 4, 5, 6],
          q7: 5 as 4,
          q8: { part: 'A', band: 'nil' },
        },
      },
      owner,
    )
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    const lefs = await call(
      core,
      'measures.record',
      { clientId: c.id, measure: { kind: 'lefs', answers: [4, 4] } },
      owner,
    )
    expect(lefs).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    const sixActivities = await call(
      core,
      'measures.record',
      {
        clientId: c.id,
        measure: { kind: 'psfs', activities: Array(6).fill({ activity: 'Run', score: 3 }) },
      },
      owner,
    )
    expect(sixActivities.ok).toBe(false)
    const emptyRom = await call(
      core,
      'measures.record',
      { clientId: c.id, measure: { kind: 'rom' } },
      owner,
    )
    expect(emptyRom.ok).toBe(false)
  })

  it('lets reception neither record nor read measures, and audits without health details', async () => {
    const sam = await aTherapistAccount(core, 'Sam')
    const c = await aClient().in(core)
    const denied = await call(core, 'measures.progress', { clientId: c.id }, aSession('reception'))
    expect(denied).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    await callOk(
      core,
      'measures.record',
      {
        clientId: c.id,
        measure: {
          kind: 'visa_a',
          scales: [5, 6, 7, 8, 4, 3],
          q7: 4,
          q8: { part: 'B', band: '11-20' },
        },
      },
      sam.session,
    )
    await callOk(core, 'measures.progress', { clientId: c.id }, sam.session)
    const audit = await core.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', 'like', 'measures.%')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['measures.record', 'measures.opened'])
    for (const a of audit) expect(a.summary).not.toMatch(/VISA|Achilles|47|LEFS|PSFS/i)
  })

  it('moves measures with a client merge', async () => {
    const sam = await aTherapistAccount(core, 'Sam')
    const kept = await aClient().named('Katie', 'Morgan').withMobile('07911 123456').in(core)
    const dup = await aClient().named('Kate', 'Morgan').withMobile('07400 555666').in(core)
    await callOk(core, 'measures.record', { clientId: dup.id, measure: psfs(4, 4) }, sam.session)
    await callOk(core, 'clients.merge', { keepId: kept.id, mergeId: dup.id, take: [] }, owner)
    const p = await callOk(core, 'measures.progress', { clientId: kept.id }, owner)
    expect(p.psfs).toHaveLength(2)
  })
})

describe('the client’s structured training fields', () => {
  it('saves weekly km, longest run, runs a week and the event distance; reception may edit them', async () => {
    const c = await aClient({
      weeklyKm: 42.5,
      longestRunKm: 21,
      runsPerWeek: 4,
      eventName: 'Brighton Marathon',
      eventDate: '2027-04-11',
      eventDistanceKm: 42.2,
    }).in(core)
    const rec = await callOk(core, 'clients.get', { id: c.id }, aSession('reception'))
    expect(rec).toMatchObject({
      weeklyKm: 42.5,
      longestRunKm: 21,
      runsPerWeek: 4,
      eventDistanceKm: 42.2,
    })
    const bad = await call(
      core,
      'clients.create',
      { ...aClient().input, runsPerWeek: 3.5 },
      aSession('reception'),
    )
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })
})
