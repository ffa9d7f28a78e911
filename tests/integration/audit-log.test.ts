import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createRouter } from '../../src/main/rpc/router'
import { handlers } from '../../src/main/rpc/handlers'
import { silentLogger } from '../../src/main/log'
import { writeAudit } from '../../src/main/services/audit'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

let core: Awaited<ReturnType<typeof openTempCore>>
beforeEach(async () => {
  core = await openTempCore()
})
afterEach(async () => {
  await core.dispose()
})

async function entry(at: string, username: string, action: string, summary = '') {
  await writeAudit(
    core.db,
    { userId: username === 'sam' ? 2 : 3, username, workstation: 'DESK-1' },
    { action, entityType: 'client', entityId: 42, summary },
    new Date(at),
  )
}

describe('audit log', () => {
  it('filters by user, action and local date range (clinic time zone)', async () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    // The first row has the name entries had before 29 November 2026: one filter finds both.
    await entry('2026-06-30T22:30:00Z', 'sam', 'client.update')
    await entry('2026-06-30T23:30:00Z', 'sam', 'clients.update')
    await entry('2026-07-01T12:00:00Z', 'jo', 'clients.create')
    await entry('2026-07-02T12:00:00Z', 'sam', 'notes.opened')
    const owner = aSession('owner')

    const july1 = await call(core, 'audit.list', { from: '2026-07-01', to: '2026-07-01' }, owner)
    expect(july1.ok && july1.value.entries.map((e) => e.at)).toEqual([
      '2026-07-01T12:00:00.000Z',
      '2026-06-30T23:30:00.000Z',
    ])
    const sams = await call(core, 'audit.list', { userId: 2, action: 'group:clients' }, owner)
    expect(sams.ok && sams.value.entries.map((e) => e.action)).toEqual([
      'clients.update',
      'client.update',
    ])
    const notes = await call(core, 'audit.list', { action: 'group:notes' }, owner)
    expect(notes.ok && notes.value.entries.map((e) => e.action)).toEqual(['notes.opened'])
    // Anything else is a prefix ('clients.') or a whole name.
    const exact = await call(core, 'audit.list', { action: 'clients.create' }, owner)
    expect(exact.ok && exact.value.entries).toHaveLength(1)
    const paged = await call(core, 'audit.list', { limit: 3 }, owner)
    expect(paged.ok && paged.value.hasMore).toBe(true)
    const rest =
      paged.ok &&
      (await call(
        core,
        'audit.list',
        { limit: 3, beforeId: paged.value.entries.at(-1)!.id },
        owner,
      ))
    expect(rest && rest.ok && rest.value).toMatchObject({ hasMore: false, entries: [{ id: 1 }] })
  })

  it('exports CSV with quoting and without formulas Excel would run', async () => {
    await entry('2026-07-01T12:00:00Z', 'jo', 'clients.update', '=HYPERLINK("http://evil")')
    await entry('2026-07-01T12:05:00Z', 'jo', 'clients.update', 'Changed phone, e-mail')
    const result = await call(core, 'audit.exportCsv', {}, aSession('owner'))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const lines = result.value.csv.trim().split('\r\n')
    expect(lines[0]).toBe(
      'id,time (UTC),local time,user,action,entity,entity id,summary,workstation',
    )
    expect(lines[1]).toBe(
      `1,2026-07-01T12:00:00.000Z,"01/07/2026, 13:00:00",jo,clients.update,client,42,"'=HYPERLINK(""http://evil"")",DESK-1`,
    )
    expect(lines[2]).toContain('"Changed phone, e-mail"')
    expect(result.value).toMatchObject({
      rows: 2,
      fileName: expect.stringMatching(/^plinth-audit-\d{4}-\d\d-\d\d\.csv$/),
    })
    // The export itself is recorded.
    const last = await core.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(last).toMatchObject({
      action: 'audit.exportCsv',
      summary: 'Exported 2 audit rows as CSV',
    })
  })

  it('rolls the audit row back with a change that fails', async () => {
    const router = createRouter({
      db: core.db,
      log: silentLogger,
      handlers: {
        ...handlers,
        'settings.update': async (ctx, input) => {
          await handlers['settings.update'](ctx, input)
          throw new Error('disk full')
        },
      },
    })
    await router.call(
      'settings.update',
      {
        clinicName: 'X Clinic',
        address: '',
        phone: '',
        timeZone: 'Europe/London',
        currency: 'GBP',
        locale: 'en-GB',
      },
      aSession('owner'),
    )
    expect(await core.db.selectFrom('audit_log').selectAll().execute()).toEqual([])
  })
})
