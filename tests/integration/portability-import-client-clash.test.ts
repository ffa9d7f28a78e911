import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ImportJob } from '../../src/shared/contract/imports'
import { aClient, callOk } from '../fixtures/clients'
import { aService, aTherapist, at, openEveryDay } from '../fixtures/diary'
import { checkImport, runImport } from '../fixtures/imports'
import { aSession, openTempCore } from '../fixtures/temp-core'

// A user trial imported "Harry O'Brien, Jo Clarke, 60 min, 12/01/2027 10:00" and "…, sam
// patel, 30 min, 10:15": one person in two rooms. A client's overlapping bookings are a clash
// the import never writes, whether the other is in the diary or earlier in the file; and a
// row whose e-mail (phone, ID) matches no one says so, not "add an e-mail".

type Core = Awaited<ReturnType<typeof openTempCore>>
const owner = aSession('owner')
const HEAD = 'Client,Email,Mobile,Client ID,Therapist,Service,Start,Status'
const EVERY_DAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const

let core: Core
let harry: { id: number }
let jo: { id: number }
beforeEach(async () => {
  core = await openTempCore({ now: () => new Date('2026-11-25T12:00:00Z') })
  await openEveryDay(core, '08:00', '20:00')
  const long = await aService('Sports massage 60 min').lasting(60).withBuffer(15).in(core)
  const short = await aService('Sports massage 30 min').lasting(30).in(core)
  jo = await aTherapist('Jo Clarke')
    .working([...EVERY_DAY], '09:00-18:00')
    .offering(long, short)
    .in(core)
  await aTherapist('Sam Patel')
    .working([...EVERY_DAY], '09:00-18:00')
    .offering(long, short)
    .in(core)
  harry = await aClient({ mobile: '07700 900111' })
    .named('Harry', "O'Brien")
    .withEmail('harry@example.com')
    .in(core)
  await aClient({ mobile: '07700 900222' }).named('Kate', 'Morgan').in(core)
  for (let i = 1; i <= 9; i++) {
    await aClient({ mobile: `07700 90030${i}` })
      .named('Grace', 'Smith')
      .withEmail(`grace${i}@example.com`)
      .in(core)
  }
})
afterEach(async () => {
  await core.dispose()
})

const csv = (...rows: string[]) => [HEAD, ...rows].join('\r\n') + '\r\n'
const byLine = (job: ImportJob) =>
  Object.fromEntries(job.report!.problems.map((p) => [p.line, p.reasons.join(' ')]))

describe('a client booked twice at once in an import', () => {
  it('refuses a later row of the file for the same client with another therapist', async () => {
    const { opened, checked } = await checkImport(
      core,
      csv(
        "Harry O'Brien,harry@example.com,,,Jo Clarke,Sports massage 60 min,12/01/2027 10:00,",
        "Harry O'Brien,harry@example.com,,,sam patel,Sports massage 30 min,12/01/2027 10:15,",
        // Back to back (Jo's clean-up is hers, not Harry's), another client at 10:15, and a
        // cancelled row: none clashes.
        "Harry O'Brien,harry@example.com,,,Sam Patel,Sports massage 30 min,12/01/2027 11:00,",
        'Kate Morgan,,07700 900222,,Sam Patel,Sports massage 30 min,12/01/2027 10:15,',
        "Harry O'Brien,harry@example.com,,,Sam Patel,Sports massage 30 min,12/01/2027 10:30,Cancelled",
        // Sam's 11:00 with Harry came earlier in the file: this overlaps it (10:45–11:15).
        "Harry O'Brien,harry@example.com,,,Jo Clarke,Sports massage 30 min,12/01/2027 10:45,",
      ),
    )
    expect(checked.report).toMatchObject({ total: 6, ready: 4, errors: 2 })
    expect(byLine(checked)).toEqual({
      3: 'Clashes with line 2 for the same client',
      // Jo is busy until 11:15 with her clean-up too; both are said.
      7: 'Clashes with line 2 for the same therapist Clashes with line 4 for the same client',
    })
    const done = await runImport(core, opened.importId)
    expect(done).toMatchObject({ state: 'done', created: 4 })
    const harrys = await core.db
      .selectFrom('appointments')
      .select(['starts_at', 'status'])
      .where('client_id', '=', harry.id)
      .orderBy('starts_at')
      .execute()
    expect(harrys).toEqual([
      { starts_at: at('2027-01-12 10:00'), status: 'booked' },
      { starts_at: at('2027-01-12 10:30'), status: 'cancelled' },
      { starts_at: at('2027-01-12 11:00'), status: 'booked' },
    ])
  })

  it('refuses a row that overlaps the client’s booking already in the diary, with any therapist', async () => {
    const long = await core.db
      .selectFrom('services')
      .select('id')
      .where('name', '=', 'Sports massage 60 min')
      .executeTakeFirstOrThrow()
    await callOk(
      core,
      'diary.book',
      {
        clientId: harry.id,
        serviceId: long.id,
        therapistId: jo.id,
        startsAt: at('2027-01-12 14:00'),
      },
      owner,
    )
    const { checked } = await checkImport(
      core,
      csv(
        "Harry O'Brien,harry@example.com,,,Sam Patel,Sports massage 30 min,12/01/2027 14:30,",
        "Harry O'Brien,harry@example.com,,,Sam Patel,Sports massage 30 min,12/01/2027 15:00,",
        // History is imported as it happened, without the rules.
        "Harry O'Brien,harry@example.com,,,Sam Patel,Sports massage 30 min,12/01/2026 14:30,",
        "Harry O'Brien,harry@example.com,,,Jo Clarke,Sports massage 30 min,12/01/2026 14:30,",
      ),
    )
    expect(checked.report).toMatchObject({ total: 4, ready: 3, errors: 1, warnings: 0 })
    expect(byLine(checked)).toEqual({
      2: 'This client is already booked 14:00–15:00 with Jo Clarke.',
    })
  })
})

describe('a row whose contact details match no client', () => {
  it('says the e-mail, phone or ID matched no one, not to add one', async () => {
    const { checked } = await checkImport(
      core,
      csv(
        'Grace Smith,wrong.email@example.com,,,Jo Clarke,Sports massage 30 min,12/01/2027 09:00,',
        'Grace Smith,,07000 000000,,Jo Clarke,Sports massage 30 min,12/01/2027 10:00,',
        'Grace Smith,,,X99,Jo Clarke,Sports massage 30 min,12/01/2027 11:00,',
        'Grace Smith,,,,Jo Clarke,Sports massage 30 min,12/01/2027 12:00,',
        'Nobody Known,nobody@example.com,,,Jo Clarke,Sports massage 30 min,12/01/2027 13:00,',
        "Harry O'Brien,harry.old@example.com,,,Jo Clarke,Sports massage 30 min,12/01/2027 14:00,",
      ),
    )
    expect(byLine(checked)).toEqual({
      2: 'No client has the e-mail wrong.email@example.com, and 9 clients are called Grace Smith; correct the e-mail or add a date of birth',
      3: 'No client has the phone number 07000 000000, and 9 clients are called Grace Smith; correct the phone or add a date of birth',
      4: 'No client has the ID X99, and 9 clients are called Grace Smith; correct the ID or add a date of birth',
      // Nothing but the name: the old advice is right.
      5: '9 clients are called Grace Smith; add an e-mail, phone or date of birth',
      6: 'No client has the e-mail nobody@example.com or is called Nobody Known; correct the e-mail, or import the clients first',
      7: "Client found by name only (Harry O'Brien): no client has the e-mail harry.old@example.com",
    })
    expect(checked.report).toMatchObject({ total: 6, ready: 1, errors: 5, warnings: 1 })
  })
})
