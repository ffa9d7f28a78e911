import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  parseDuration,
  parseStart,
  parseStatus,
} from '../../src/main/services/portability/import-appointment-values'
import { aClient, callOk } from '../fixtures/clients'
import { aService, aTherapist, at, openEveryDay } from '../fixtures/diary'
import { checkImport, runImport } from '../fixtures/imports'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

type Core = Awaited<ReturnType<typeof openTempCore>>
const owner = aSession('owner')

// Wednesday 25 November 2026, noon: rows before this happened, rows after are still to come.
let clock = new Date('2026-11-25T12:00:00Z')

/** A messy export: BOM, CRLF, an Excel-escaped id, quoted commas, mixed date styles. */
const FILE =
  '\ufeff' +
  [
    'Client ID,Client,Email,Mobile,Date of birth,Therapist,Service,Start,Duration,Status,Price,Notes',
    '="1558354464010667075",Aisha Khan,,,,Sam Okafor,Sports massage,14/03/2025 09:30,60,Attended,£45.00,"Left calf, right hamstring"',
    ",Tom O'Brien,,07922 444555,,sam okafor,SPORTS MASSAGE,2025-06-01T10:00,1h,DNA,,",
    ',Chris Evans,,,02/02/1990,Sam Okafor,Sports massage,01/06/2025 11:00,,,,',
    ',Chris Evans,,,,Sam Okafor,Sports massage,01/06/2025 12:00,,,,',
    ',Nobody Known,,,,Sam Okafor,Sports massage,01/06/2025 12:00,,,,',
    ',Aisha Khan,aisha@example.com,,,Pat Unknown,Sports massage,01/06/2025 13:00,,,,',
    ',Aisha Khan,aisha@example.com,,,Sam Okafor,Sports massage,06/25/2025 10:00,,,,',
    ',Aisha Khan,aisha@example.com,,,Sam Okafor,Sports massage,27/11/2026 10:30,,,,',
    ',Aisha Khan,aisha@example.com,,,Sam Okafor,Sports massage,30/11/2026 14:00,,Booked,,',
    ",Tom O'Brien,,07922444555,,Sam Okafor,Sports massage,30/11/2026 14:30,,,,",
    ",Tom O'Brien,,07922444555,,Sam Okafor,Sports massage,29/11/2026 10:00,,,,",
    ',Aisha Khan,aisha@example.com,,,Sam Okafor,Sports massage,01/12/2026 09:00,,Completed,,',
    ',Aisha Khan,aisha@example.com,,,Sam Okafor,Sports massage,14/03/2025 09:30,,,,',
    ",Tom O'Brien,,07922444555,,Sam Okafor,Sports massage,27/11/2026 10:00,,,,",
  ].join('\r\n') +
  '\r\n\r\n'

const importFile = (core: Core, text: string) =>
  checkImport(core, text, { fileName: 'diary-export.csv' })

describe('importing appointments from a CSV file', () => {
  let core: Core
  let ids: { aisha: number; tom: number; chris1990: number; sam: number }
  beforeEach(async () => {
    clock = new Date('2026-11-25T12:00:00Z')
    core = await openTempCore({ now: () => clock })
    await openEveryDay(core)
    const massage = await aService('Sports massage').in(core)
    const sam = await aTherapist('Sam Okafor')
      .working(['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], '09:00-17:00')
      .offering(massage)
      .in(core)
    const aisha = await aClient({ mobile: '' })
      .named('Aisha', 'Khan')
      .withEmail('aisha@example.com')
      .in(core)
    await core.db
      .updateTable('clients')
      .set({ import_ref: '1558354464010667075' })
      .where('id', '=', aisha.id)
      .execute()
    const tom = await aClient({ mobile: '07922 444555' }).named('Tom', "O'Brien").in(core)
    const chris1990 = await aClient({ mobile: '', email: 'chris@example.com' })
      .named('Chris', 'Evans')
      .bornOn('1990-02-02')
      .in(core)
    await aClient({ mobile: '', email: 'c.evans@example.com' })
      .named('Chris', 'Evans')
      .bornOn('1975-05-05')
      .in(core)
    // Tom is already booked with Sam on Friday 10:00-11:00.
    await callOk(
      core,
      'diary.book',
      {
        clientId: tom.id,
        serviceId: massage.id,
        therapistId: sam.id,
        startsAt: at('2026-11-27 10:00'),
      },
      owner,
    )
    ids = { aisha: aisha.id, tom: tom.id, chris1990: chris1990.id, sam: sam.id }
  })
  afterEach(async () => {
    await core.dispose()
  })

  it('maps the columns, reports each bad row with its reason and flags what needs a look', async () => {
    const { opened, checked } = await importFile(core, FILE)
    expect(opened).toMatchObject({ kind: 'appointments', rowCount: 14 })
    expect(opened.mapping).toMatchObject({
      clientRef: 'Client ID',
      clientName: 'Client',
      clientEmail: 'Email',
      clientPhone: 'Mobile',
      clientDob: 'Date of birth',
      therapist: 'Therapist',
      service: 'Service',
      start: 'Start',
      duration: 'Duration',
      status: 'Status',
      price: 'Price',
      notes: 'Notes',
    })
    const report = checked.report!
    expect(report).toMatchObject({ total: 14, ready: 5, duplicates: 1, errors: 8, warnings: 1 })
    const byLine = Object.fromEntries(report.problems.map((p) => [p.line, p]))
    const why = (line: number) => byLine[line]!.reasons.join(' ')
    expect(byLine[5]).toMatchObject({ kind: 'error' })
    expect(why(5)).toMatch(/2 clients are called Chris Evans/)
    expect(why(6)).toMatch(/No client matches Nobody Known/)
    expect(why(7)).toMatch(/No therapist called Pat Unknown/)
    expect(why(8)).toMatch(/month\/day order/)
    expect(why(9)).toMatch(/Sam Okafor is already booked 10:00–11:00/)
    expect(why(11)).toMatch(/Clashes with line 10/)
    expect(why(12)).toMatch(
      /Imported outside the booking rules: Sam Okafor does not work on Sundays/,
    )
    expect(byLine[12]).toMatchObject({ kind: 'warning', name: "Tom O'Brien · 29/11/2026 10:00" })
    expect(why(13)).toMatch(/a future appointment cannot be completed/)
    expect(byLine[14]).toMatchObject({ kind: 'duplicate' })
    // A future copy of a booking already in the diary is never offered: it would double-book.
    expect(byLine[15]).toMatchObject({
      kind: 'error',
      reasons: ['Already in the diary at this time'],
    })
    // Rows in the past are history: Sunday, a double booking or no rules at all do not matter.
    for (const line of [2, 3, 4, 10]) expect(byLine[line]).toBeUndefined()
  })

  it('imports the good rows in one transaction as they happened, and undoes them as a whole', async () => {
    const { opened } = await importFile(core, FILE)
    const done = await runImport(core, opened.importId)
    expect(done).toMatchObject({ state: 'done', created: 5 })
    expect(done.message).toBe('Imported 5 appointments; 9 rows skipped.')

    const imported = await core.db
      .selectFrom('appointments')
      .select([
        'client_id',
        'therapist_id',
        'starts_at',
        'ends_at',
        'status',
        'price_pence',
        'notes',
        'override_reason',
      ])
      .where('import_batch_id', '=', done.batchId)
      .orderBy('starts_at')
      .execute()
    expect(imported).toEqual([
      {
        client_id: ids.aisha,
        therapist_id: ids.sam,
        starts_at: '2025-03-14T09:30:00.000Z', // GMT
        ends_at: '2025-03-14T10:30:00.000Z',
        status: 'completed',
        price_pence: 4500,
        notes: 'Left calf, right hamstring',
        override_reason: null,
      },
      {
        client_id: ids.tom,
        therapist_id: ids.sam,
        starts_at: '2025-06-01T09:00:00.000Z', // 10:00 BST
        ends_at: '2025-06-01T10:00:00.000Z',
        status: 'no_show',
        price_pence: 5500,
        notes: '',
        override_reason: null,
      },
      expect.objectContaining({
        client_id: ids.chris1990,
        starts_at: '2025-06-01T10:00:00.000Z',
        status: 'completed',
      }),
      expect.objectContaining({
        client_id: ids.tom,
        starts_at: '2026-11-29T10:00:00.000Z',
        status: 'booked',
        override_reason: 'Imported from diary-export.csv',
      }),
      expect.objectContaining({
        client_id: ids.aisha,
        starts_at: '2026-11-30T14:00:00.000Z',
        status: 'booked',
        override_reason: null,
      }),
    ])
    const history = await core.db
      .selectFrom('appointment_history')
      .select(['action', 'summary'])
      .where('action', 'in', ['imported', 'override'])
      .orderBy('id')
      .execute()
    expect(history.filter((h) => h.action === 'imported')).toHaveLength(5)
    expect(history.find((h) => h.action === 'override')?.summary).toMatch(
      /does not work on Sundays/,
    )
    const batches = await callOk(core, 'imports.batches', {}, owner)
    expect(batches[0]).toMatchObject({ kind: 'appointments', created: 5, skipped: 9 })
    const audit = await core.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'imports.run')
      .execute()
    expect(audit.map((a) => a.summary)).toEqual([
      'Imported 5 appointments from diary-export.csv; 9 rows skipped',
    ])

    // A second, small import; once one of its appointments has been cancelled in the diary,
    // undoing that import as a whole is refused.
    const second = await importFile(
      core,
      'Client,Email,Therapist,Service,Date,Time\r\nAisha Khan,aisha@example.com,Sam Okafor,Sports massage,02/12/2026,15:00\r\n',
    )
    expect(second.checked.report).toMatchObject({ total: 1, ready: 1, errors: 0 })
    const secondDone = await runImport(core, second.opened.importId)
    const secondAppt = await core.db
      .selectFrom('appointments')
      .select('id')
      .where('import_batch_id', '=', secondDone.batchId)
      .executeTakeFirstOrThrow()
    clock = new Date('2026-11-25T12:05:00Z')
    await callOk(core, 'diary.cancel', { id: secondAppt.id, by: 'client', reason: 'Away' }, owner)
    const refused = await call(core, 'imports.undo', { batchId: secondDone.batchId! }, owner)
    expect(refused.ok ? null : refused.error.message).toMatch(/cannot be undone as a whole/)

    const undone = await callOk(core, 'imports.undo', { batchId: done.batchId! }, owner)
    expect(undone).toMatchObject({ kind: 'appointments', undoneAt: expect.any(String) })
    const left = await core.db
      .selectFrom('appointments')
      .select('id')
      .where('import_batch_id', '=', done.batchId)
      .execute()
    expect(left).toEqual([])
    expect(await core.db.selectFrom('appointments').select('id').execute()).toHaveLength(2)
  })

  it('asks for the columns it cannot do without, next to the field', async () => {
    const opened = await callOk(
      core,
      'imports.open',
      { kind: 'appointments', fileName: 'x.csv', text: 'Who,When\r\nAisha,today\r\n' },
      owner,
    )
    const r = await call(core, 'imports.check', { importId: opened.importId, mapping: {} }, owner)
    expect(r.ok ? null : r.error.fieldErrors).toEqual([
      { path: 'mapping.clientName', message: 'Choose a column that says who the client is' },
    ])
  })

  it('reads start times in clinic time, lengths and statuses as other systems write them', () => {
    const london = 'Europe/London'
    const start = (s: string, date = '', time = '') => parseStart({ start: s, date, time }, london)
    expect(start('24/11/2026 10:00')).toEqual({ ok: true, value: Date.parse('2026-11-24T10:00Z') })
    expect(start('01/07/2026 10:00')).toEqual({ ok: true, value: Date.parse('2026-07-01T09:00Z') })
    expect(start('2026-07-01 2.30pm')).toEqual({ ok: true, value: Date.parse('2026-07-01T13:30Z') })
    expect(start('2026-07-01T10:00:00Z')).toEqual({
      ok: true,
      value: Date.parse('2026-07-01T10:00Z'),
    })
    expect(start('', '1/7/26', '09:15')).toEqual({
      ok: true,
      value: Date.parse('2026-07-01T08:15Z'),
    })
    expect(start('24/11/2026')).toMatchObject({ ok: false })
    expect(start('24/11/2026 25:00')).toMatchObject({ ok: false })
    expect(parseDuration('1h 30m')).toEqual({ ok: true, value: 90 })
    expect(parseDuration('45 mins')).toEqual({ ok: true, value: 45 })
    expect(parseDuration('1:15')).toEqual({ ok: true, value: 75 })
    expect(parseDuration('2 days')).toMatchObject({ ok: false })
    expect(parseStatus('Did not attend')).toEqual({
      ok: true,
      value: { status: 'no_show', late: false },
    })
    expect(parseStatus('late_cancellation')).toEqual({
      ok: true,
      value: { status: 'cancelled', late: true },
    })
    expect(parseStatus('maybe')).toMatchObject({ ok: false })
  })
})
