import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UNENCRYPTED } from '../../src/main/db/cipher'
import { aBookableClient, aService, aTherapist, at, WEEKDAYS } from '../fixtures/diary'
import { anIssuedInvoice, methods } from '../fixtures/money'
import { leaks } from '../fixtures/raw-bytes'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

// A user trial: a client cancelled with "Eleanor rang: sciatica too painful to travel", was
// anonymised, and the appointment's change history still read "Cancelled by the client:
// Eleanor rang: sciatica…". Every free-text column tied to the client (history summaries,
// override reasons, waiting-list notes, messages, the audit) must lose their words too.
// The file is unencrypted here so that a search of its bytes means something.

const reception = aSession('reception')
const owner = aSession('owner')
const WORDS = [
  'Eleanor',
  'Quarrendon',
  'sciatica',
  'lumbago',
  'Ramsbottom',
  'Tarnwhistle',
  'Glenfiddock',
]

let core: Awaited<ReturnType<typeof openTempCore>>
beforeEach(async () => {
  core = await openTempCore({ now: () => new Date('2026-02-20T10:00:00Z'), key: UNENCRYPTED })
})
afterEach(async () => {
  await core.dispose()
})

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>) {
  const r = await p
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.value
}

/** Eleanor's record with her words in every free-text place the diary keeps. */
async function eleanorsDiary() {
  const massage = await aService('Sports massage 60 min').in(core)
  const sam = await aTherapist('Sam').working(WEEKDAYS, '09:00-18:00').offering(massage).in(core)
  const alex = await aTherapist('Alex').working(WEEKDAYS, '09:00-18:00').offering(massage).in(core)
  const eleanor = await aBookableClient(core, reception, ['Eleanor', 'Quarrendon'])
  await aBookableClient(core, reception, ['Kate', 'Morgan'])
  const book = (startsLocal: string, therapistId: number, extra = {}) =>
    ok(
      call(
        core,
        'diary.book',
        {
          clientId: eleanor.id,
          serviceId: massage.id,
          therapistId,
          startsAt: at(startsLocal),
          ...extra,
        },
        owner,
      ),
    )
  const cancelled = await book('2026-03-02 10:00', sam.id)
  await ok(
    call(
      core,
      'diary.cancel',
      { id: cancelled.id, by: 'client', reason: 'Eleanor rang: sciatica too painful to travel' },
      reception,
    ),
  )
  await book('2026-03-03 10:00', sam.id)
  // Booked twice at once: the owner overrides client_busy with a reason naming her.
  await book('2026-03-03 10:00', alex.id, {
    override: { reason: 'Quarrendon asked: lumbago, Alex assists' },
  })
  await ok(
    call(
      core,
      'waitlist.add',
      { clientId: eleanor.id, serviceId: massage.id, notes: 'Ramsbottom sciatica, mornings' },
      reception,
    ),
  )
  await ok(call(core, 'clients.acknowledgeAlerts', { clientId: eleanor.id }, reception))
  // Money rows keep their amounts, but the words typed on them go.
  const m = await methods(core)
  await ok(
    call(
      core,
      'payments.take',
      {
        clientId: eleanor.id,
        payments: [{ methodId: m.card!, amountPence: 3000, reference: 'Tarnwhistle card' }],
      },
      reception,
    ),
  )
  await ok(
    call(
      core,
      'payments.refund',
      {
        clientId: eleanor.id,
        methodId: m.card!,
        amountPence: 1000,
        reason: 'Glenfiddock sciatica: stopping treatment',
      },
      owner,
    ),
  )
  const invoice = await anIssuedInvoice(core, eleanor.id)
  await ok(
    call(
      core,
      'creditNotes.issue',
      { invoiceId: invoice.id, amountPence: 500, reason: 'Goodwill: lumbago flare' },
      owner,
    ),
  )
  return eleanor
}

const onDisk = () => leaks([core.file, `${core.file}-wal`], WORDS)

describe('anonymising removes the client’s words from every table', () => {
  it('the words are on disk before (so the check can fail)', async () => {
    await eleanorsDiary()
    // Until the record is anonymised, the database keeps money rows' words as they are.
    for (const table of ['ledger_entries', 'credit_notes'] as const) {
      await expect(core.db.updateTable(table).set({ reason: '' }).execute()).rejects.toThrow(
        /cannot be changed/,
      )
    }
    core.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    expect(onDisk()).toEqual(WORDS.map((w) => `${w} in ${core.file}`))
  })

  it('after anonymising: no name nor health word in the file, and the history still says what happened', async () => {
    const eleanor = await eleanorsDiary()
    await ok(call(core, 'retention.anonymise', { clientId: eleanor.id }, owner))
    expect(onDisk()).toEqual([])
    const history = await core.db
      .selectFrom('appointment_history')
      .select(['action', 'summary'])
      .where('action', 'in', ['cancelled', 'override'])
      .orderBy('id')
      .execute()
    expect(history).toEqual([
      {
        action: 'cancelled',
        summary: 'Cancelled by the client (reason removed: record anonymised)',
      },
      {
        action: 'override',
        summary: 'Rules overridden (reason removed: record anonymised)',
      },
    ])
  })

  it('after deleting a record that never had a visit: its waiting-list note and the audit’s name go too', async () => {
    const massage = await aService('Sports massage 60 min').in(core)
    const eleanor = await aBookableClient(core, reception, ['Eleanor', 'Quarrendon'])
    await aBookableClient(core, reception, ['Kate', 'Morgan'])
    await ok(
      call(
        core,
        'waitlist.add',
        { clientId: eleanor.id, serviceId: massage.id, notes: 'Ramsbottom: sciatica, lumbago' },
        reception,
      ),
    )
    await ok(call(core, 'clients.acknowledgeAlerts', { clientId: eleanor.id }, reception))
    await ok(call(core, 'retention.delete', { clientId: eleanor.id }, owner))
    expect(onDisk()).toEqual([])
  })
})
