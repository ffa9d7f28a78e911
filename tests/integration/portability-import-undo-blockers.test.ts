import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { callOk } from '../fixtures/clients'
import { aService, aTherapist, openEveryDay } from '../fixtures/diary'
import { checkImport, runImport } from '../fixtures/imports'
import { methods } from '../fixtures/money'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

// A user trial took payment for an imported appointment, then Undo import said "That refers
// to a record that does not exist": the undo found the invoice only when its delete failed.
// Everything that refers to imported rows now refuses the undo up front, saying what it is,
// and nothing is deleted.

type Core = Awaited<ReturnType<typeof openTempCore>>
const owner = aSession('owner')
const reception = aSession('reception')

const CLIENTS = [
  'Patient ID,First Name,Last Name,Email,Mobile',
  '1001,Harry,Ashdown,harry@example.com,07700 900111',
  '1002,Grace,Pembury,grace@example.com,07700 900222',
  '1003,Kate,Morgan,kate@example.com,07700 900333',
].join('\r\n')
// Two visits that happened (history) and one still to come.
const APPOINTMENTS = [
  'Client ID,Client,Therapist,Service,Start',
  '1001,Harry Ashdown,Jo Clarke,Sports massage,10/11/2026 10:00',
  '1002,Grace Pembury,Jo Clarke,Sports massage,11/11/2026 10:00',
  '1002,Grace Pembury,Jo Clarke,Sports massage,02/12/2026 10:00',
].join('\r\n')

let core: Core
beforeEach(async () => {
  core = await openTempCore({ now: () => new Date('2026-11-25T12:00:00Z') })
  await openEveryDay(core)
  const massage = await aService('Sports massage').in(core)
  await aTherapist('Jo Clarke')
    .working(['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], '09:00-17:00')
    .offering(massage)
    .in(core)
})
afterEach(async () => {
  await core.dispose()
})

async function imported(text: string, kind: 'clients' | 'appointments') {
  const { opened, checked } = await checkImport(core, text, { kind })
  expect(checked.report?.errors).toBe(0)
  const done = await runImport(core, opened.importId)
  expect(done.state).toBe('done')
  return done.batchId!
}

const refusal = async (batchId: string) => {
  const r = await call(core, 'imports.undo', { batchId }, owner)
  return r.ok ? 'undone' : r.error.message
}
const count = async (table: 'clients' | 'appointments') =>
  (await core.db.selectFrom(table).select('id').execute()).length

describe('undoing an import that work has been done on since', () => {
  it('names the invoice of a paid imported appointment, and the appointments import to undo before its clients', async () => {
    const clientBatch = await imported(CLIENTS, 'clients')
    const appointmentBatch = await imported(APPOINTMENTS, 'appointments')
    const harrys = await core.db
      .selectFrom('appointments')
      .select('id')
      .where('import_batch_id', '=', appointmentBatch)
      .orderBy('starts_at')
      .executeTakeFirstOrThrow()
    const m = await methods(core)
    const paid = await callOk(
      core,
      'invoices.checkout',
      { appointmentId: harrys.id, payments: [{ methodId: m.card!, amountPence: 5500 }] },
      reception,
    )
    expect(await refusal(appointmentBatch)).toBe(
      `This appointments import cannot be undone as a whole: 1 imported appointment has since been billed or paid (${paid.invoice.number}); an issued invoice is kept for the tax records, so those appointments stay: correct them in the diary instead.`,
    )
    expect(await refusal(clientBatch)).toBe(
      'This clients import cannot be undone as a whole: 2 imported clients have appointments imported later from appointments.csv (25/11/2026): undo that appointments import first; 1 imported client has invoices since; 1 imported client has payments or account entries since.',
    )
    expect([await count('clients'), await count('appointments')]).toEqual([3, 3])
  })

  it('says what else is in the way: a change in the diary, a waiting-list entry', async () => {
    const clientBatch = await imported(CLIENTS, 'clients')
    const kate = await core.db
      .selectFrom('clients')
      .select('id')
      .where('first_name', '=', 'Kate')
      .executeTakeFirstOrThrow()
    const massage = await core.db.selectFrom('services').select('id').executeTakeFirstOrThrow()
    await callOk(core, 'waitlist.add', { clientId: kate.id, serviceId: massage.id }, reception)
    const appointmentBatch = await imported(APPOINTMENTS, 'appointments')
    const [, , future] = await core.db
      .selectFrom('appointments')
      .select('id')
      .where('import_batch_id', '=', appointmentBatch)
      .orderBy('starts_at')
      .execute()
    await callOk(core, 'diary.cancel', { id: future!.id, by: 'client', reason: 'Away' }, reception)
    expect(await refusal(appointmentBatch)).toBe(
      'This appointments import cannot be undone as a whole: 1 imported appointment has been changed in the diary since (moved, cancelled, arrived or completed).',
    )
    expect(await refusal(clientBatch)).toMatch(
      /^This clients import cannot be undone as a whole: 2 imported clients have appointments imported later from appointments\.csv \(25\/11\/2026\): undo that appointments import first; 1 imported client has been put on the waiting list since\.$/,
    )
    expect([await count('clients'), await count('appointments')]).toEqual([3, 3])
  })

  it('undoes both, appointments first, when nothing was done since', async () => {
    const clientBatch = await imported(CLIENTS, 'clients')
    const appointmentBatch = await imported(APPOINTMENTS, 'appointments')
    expect(await refusal(appointmentBatch)).toBe('undone')
    expect(await refusal(clientBatch)).toBe('undone')
    expect([await count('clients'), await count('appointments')]).toEqual([0, 0])
  })
})
