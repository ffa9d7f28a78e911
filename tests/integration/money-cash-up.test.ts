import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { callOk } from '../fixtures/clients'
import { aBookableClient } from '../fixtures/diary'
import { anIssuedInvoice, methods, owner, reception, textLine } from '../fixtures/money'
import { call, openTempCore } from '../fixtures/temp-core'

let core: Awaited<ReturnType<typeof openTempCore>>
let now = new Date('2026-03-02T10:30:00Z')
let m: Record<string, number>

beforeEach(async () => {
  core = await openTempCore({ now: () => now })
  m = await methods(core)
})
afterEach(async () => {
  await core.dispose()
})

async function pay(
  clientId: number,
  invoiceIds: number[],
  payments: { methodId: number; amountPence: number }[],
) {
  return callOk(core, 'payments.take', { clientId, invoiceIds, payments }, reception)
}

describe('cash-up', () => {
  it("sets the day's takings by method against the count, with the float, and records the difference", async () => {
    const { id: clientId } = await aBookableClient(core)
    // The evening before (23:30 London on 1 March) belongs to the 1st, not the 2nd.
    now = new Date('2026-03-01T23:30:00Z')
    const early = await anIssuedInvoice(core, clientId, [textLine('Massage', 4000)])
    await pay(clientId, [early.id], [{ methodId: m.cash!, amountPence: 4000 }])

    now = new Date('2026-03-02T10:30:00Z')
    const a = await anIssuedInvoice(core, clientId, [textLine('Massage', 5500)])
    await pay(
      clientId,
      [a.id],
      [
        { methodId: m.cash!, amountPence: 2000 },
        { methodId: m.card!, amountPence: 3500 },
      ],
    )
    const b = await anIssuedInvoice(core, clientId, [textLine('Massage', 5500)])
    await pay(clientId, [b.id], [{ methodId: m.cash!, amountPence: 6000 }])
    now = new Date('2026-03-02T17:00:00Z')
    await callOk(
      core,
      'payments.refund',
      {
        clientId,
        invoiceId: null,
        methodId: m.cash!,
        amountPence: 500,
        reason: 'Change given late',
      },
      owner,
    )
    // A transfer counts against the bank statement, not the till.
    const c = await anIssuedInvoice(core, clientId, [textLine('Wax', 500)])
    await callOk(
      core,
      'payments.take',
      {
        clientId,
        invoiceIds: [c.id],
        payments: [{ methodId: m.bank_transfer!, amountPence: 500 }],
      },
      reception,
    )

    const day = await callOk(core, 'cashUp.day', { date: '2026-03-02' }, owner)
    const taken = Object.fromEntries(day.methods.map((x) => [x.name, x.takenPence]))
    expect(taken).toEqual({ Card: 3500, Cash: 7500, 'Bank transfer': 500, Other: 0 })

    const balanced = await callOk(
      core,
      'cashUp.record',
      {
        date: '2026-03-02',
        floatPence: 10000,
        counts: [
          { methodId: m.cash!, countedPence: 17500 },
          { methodId: m.card!, countedPence: 3500 },
        ],
      },
      owner,
    )
    expect(balanced.recorded[0]).toMatchObject({ differencePence: 0, floatPence: 10000 })
    expect(
      balanced.recorded[0]!.lines.map((l) => [l.name, l.expectedPence, l.countedPence]),
    ).toEqual([
      ['Card', 3500, 3500],
      ['Cash', 17500, 17500],
    ])

    const short = await callOk(
      core,
      'cashUp.record',
      {
        date: '2026-03-02',
        floatPence: 10000,
        counts: [{ methodId: m.cash!, countedPence: 17000 }],
        note: 'Recount',
      },
      owner,
    )
    expect(short.recorded.map((r) => r.differencePence)).toEqual([-500, 0])
    const audit = await core.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'cashUp.record')
      .orderBy('id')
      .execute()
    expect(audit.map((x) => x.summary)).toEqual([
      'Cash-up for 2026-03-02: balanced',
      'Cash-up for 2026-03-02: short by £5.00',
    ])
    await expect(
      sql`UPDATE cash_up_lines SET counted_pence = 17500`.execute(core.db),
    ).rejects.toThrow(/cash-up cannot be changed/)
    await expect(sql`DELETE FROM cash_ups`.execute(core.db)).rejects.toThrow(/cannot be deleted/)
  })

  it('refuses account credit as a counted method, and reception', async () => {
    const r = await call(
      core,
      'cashUp.record',
      {
        date: '2026-03-02',
        floatPence: 0,
        counts: [{ methodId: m.account_credit!, countedPence: 0 }],
      },
      owner,
    )
    expect(r.ok || r.error).toMatchObject({ code: 'rule_broken' })
    const byReception = await call(core, 'cashUp.day', { date: '2026-03-02' }, reception)
    expect(byReception.ok || byReception.error).toMatchObject({ code: 'forbidden' })
  })
})
