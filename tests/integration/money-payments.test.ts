import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aStaffMember } from '../fixtures/staff'
import { callOk } from '../fixtures/clients'
import { aBookableClient, aTherapist } from '../fixtures/diary'
import {
  aClinicWithAnArrival,
  anArrival,
  anIssuedInvoice,
  methods,
  owner,
  reception,
  textLine,
} from '../fixtures/money'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

let core: Awaited<ReturnType<typeof openTempCore>>
let now = new Date('2026-03-02T10:30:00Z')
let m: Record<string, number>

beforeEach(async () => {
  now = new Date('2026-03-02T10:30:00Z')
  core = await openTempCore({ now: () => now })
  m = await methods(core)
})
afterEach(async () => {
  await core.dispose()
})

/** The ledger summed by hand, independently of the services' queries. */
async function sums(clientId: number) {
  const rows = await core.db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('client_id', '=', clientId)
    .execute()
  const credit = rows.reduce(
    (s, r) =>
      s +
      (r.invoice_id === null
        ? r.amount_pence
        : r.method_id === m.account_credit
          ? -r.amount_pence
          : 0),
    0,
  )
  return { credit, entries: rows.length }
}

describe('checkout at reception', () => {
  it('makes the invoice for the appointment at its price and takes £20 cash + £35 card', async () => {
    const { client, appointment } = await aClinicWithAnArrival(core)
    const r = await callOk(
      core,
      'invoices.checkout',
      {
        appointmentId: appointment.id,
        payments: [
          { methodId: m.cash!, amountPence: 2000 },
          { methodId: m.card!, amountPence: 3500, reference: 'SumUp 0042' },
        ],
      },
      reception,
    )
    expect(r.invoice).toMatchObject({
      number: 'INV-000001',
      clientId: client.id,
      status: 'issued',
      grossPence: 5500,
      paidPence: 5500,
      duePence: 0,
    })
    expect(r.invoice.lines).toMatchObject([
      {
        kind: 'service',
        appointmentId: appointment.id,
        description: 'Sports massage 60 min',
        unitPence: 5500,
      },
    ])
    expect(r.invoice.payments.map((p) => [p.methodName, p.amountPence, p.reference])).toEqual([
      ['Cash', 2000, ''],
      ['Card', 3500, 'SumUp 0042'],
    ])
    expect(r.toCreditPence).toBe(0)
    const status = await callOk(
      core,
      'money.forAppointments',
      { appointmentIds: [appointment.id] },
      reception,
    )
    expect(status).toEqual([
      {
        appointmentId: appointment.id,
        invoiceId: r.invoice.id,
        number: 'INV-000001',
        state: 'paid',
        grossPence: 5500,
        duePence: 0,
        feePence: null,
        fromPackage: null,
      },
    ])
    const again = await call(
      core,
      'invoices.checkout',
      { appointmentId: appointment.id, payments: [{ methodId: m.cash!, amountPence: 100 }] },
      reception,
    )
    expect(again.ok || again.error).toMatchObject({
      code: 'conflict',
      message: 'INV-000001 is already paid.',
    })
  })

  it('refuses before the client has arrived, and audits without naming the treatment', async () => {
    const { massage, sam, client } = await aClinicWithAnArrival(core)
    const booked = await callOk(
      core,
      'diary.book',
      {
        clientId: client.id,
        serviceId: massage.id,
        therapistId: sam.id,
        startsAt: '2026-03-03T10:00:00.000Z',
      },
      reception,
    )
    const r = await call(
      core,
      'invoices.checkout',
      { appointmentId: booked.id, payments: [{ methodId: m.cash!, amountPence: 5500 }] },
      reception,
    )
    expect(r.ok || r.error).toMatchObject({ code: 'rule_broken' })
    const audit = await core.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', 'like', '%payment%')
      .execute()
    expect(audit).toEqual([])
    now = new Date('2026-03-04T09:55:00Z') // the morning of the visit: a client arrives on the day
    const appointment = await anArrival(core, client.id, massage.id, sam.id, '2026-03-04 10:00')
    await callOk(
      core,
      'invoices.checkout',
      { appointmentId: appointment.id, payments: [{ methodId: m.cash!, amountPence: 5500 }] },
      reception,
    )
    const rows = await core.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', 'in', ['invoices.issue', 'payments.take'])
      .orderBy('id')
      .execute()
    expect(rows).toEqual([
      { action: 'invoices.issue', summary: 'Issued INV-000001 for £55.00 at checkout' },
      { action: 'payments.take', summary: 'Took £55.00 for INV-000001' },
    ])
    for (const row of rows) expect(row.summary).not.toMatch(/massage/i)
  })

  it('puts an overpayment on account credit, which pays the next visit', async () => {
    const { client, appointment, massage, sam } = await aClinicWithAnArrival(core)
    const r = await callOk(
      core,
      'invoices.checkout',
      { appointmentId: appointment.id, payments: [{ methodId: m.cash!, amountPence: 6000 }] },
      reception,
    )
    expect([r.toCreditPence, r.creditPence]).toEqual([500, 500])
    now = new Date('2026-03-09T09:55:00Z') // a week later, on the day of the next visit
    const next = await anArrival(core, client.id, massage.id, sam.id, '2026-03-09 10:00')
    const paid = await callOk(
      core,
      'invoices.checkout',
      {
        appointmentId: next.id,
        payments: [
          { methodId: m.account_credit!, amountPence: 500 },
          { methodId: m.card!, amountPence: 5000 },
        ],
      },
      reception,
    )
    expect(paid.invoice.duePence).toBe(0)
    expect(paid.creditPence).toBe(0)
    expect((await sums(client.id)).credit).toBe(0)
  })
})

describe('payments, refunds and reversals', () => {
  it('pays several invoices at once, oldest first, and part of the last', async () => {
    const { id: clientId } = await aBookableClient(core)
    const a = await anIssuedInvoice(core, clientId, [textLine('Massage', 5500)])
    const b = await anIssuedInvoice(core, clientId, [textLine('Massage', 4000)])
    const c = await anIssuedInvoice(core, clientId, [textLine('Foam roller', 1500)])
    const r = await callOk(
      core,
      'payments.take',
      {
        clientId,
        invoiceIds: [a.id, b.id, c.id],
        payments: [{ methodId: m.bank_transfer!, amountPence: 10000 }],
      },
      reception,
    )
    expect(r.invoices.map((i) => [i.number, i.duePence])).toEqual(
      expect.arrayContaining([
        ['INV-000001', 0],
        ['INV-000002', 0],
        ['INV-000003', 1000],
      ]),
    )
    const account = await callOk(core, 'money.account', { clientId }, reception)
    expect([account.owesPence, account.creditPence]).toEqual([1000, 0])
  })

  it('refunds to the method or to credit, never more than was paid, and only by the owner', async () => {
    const { id: clientId } = await aBookableClient(core)
    const inv = await anIssuedInvoice(core, clientId, [textLine('Massage', 5500)])
    await callOk(
      core,
      'payments.take',
      { clientId, invoiceIds: [inv.id], payments: [{ methodId: m.card!, amountPence: 5500 }] },
      reception,
    )
    await callOk(
      core,
      'creditNotes.issue',
      { invoiceId: inv.id, amountPence: 2000, reason: 'Shorter session' },
      owner,
    )
    // Paid 5500 on an invoice now worth 3500: 2000 is owed back.
    expect((await callOk(core, 'invoices.get', { id: inv.id }, owner)).duePence).toBe(-2000)
    const tooMuch = await call(
      core,
      'payments.refund',
      { clientId, invoiceId: inv.id, methodId: m.card!, amountPence: 5501, reason: 'Refund' },
      owner,
    )
    expect(tooMuch.ok || tooMuch.error).toMatchObject({ code: 'rule_broken' })
    const byReception = await call(
      core,
      'payments.refund',
      { clientId, invoiceId: inv.id, methodId: m.card!, amountPence: 1000, reason: 'Refund' },
      reception,
    )
    expect(byReception.ok || byReception.error).toMatchObject({ code: 'forbidden' })
    await callOk(
      core,
      'payments.refund',
      { clientId, invoiceId: inv.id, methodId: m.card!, amountPence: 1000, reason: 'Card refund' },
      owner,
    )
    const acct = await callOk(
      core,
      'payments.refund',
      {
        clientId,
        invoiceId: inv.id,
        methodId: m.account_credit!,
        amountPence: 1000,
        reason: 'Kept as credit',
      },
      owner,
    )
    expect([acct.owesPence, acct.creditPence]).toEqual([0, 1000])
    expect((await callOk(core, 'invoices.get', { id: inv.id }, owner)).duePence).toBe(0)
    const out = await callOk(
      core,
      'payments.refund',
      { clientId, invoiceId: null, methodId: m.cash!, amountPence: 1000, reason: 'Paid out' },
      owner,
    )
    expect(out.creditPence).toBe(0)
    expect((await sums(clientId)).credit).toBe(0)
    const overdraw = await call(
      core,
      'payments.refund',
      { clientId, invoiceId: null, methodId: m.cash!, amountPence: 1, reason: 'Paid out' },
      owner,
    )
    expect(overdraw.ok || overdraw.error).toMatchObject({ code: 'rule_broken' })
  })

  it('corrects a mistaken entry with a reversing one, once, keeping the original', async () => {
    const { id: clientId } = await aBookableClient(core)
    const inv = await anIssuedInvoice(core, clientId, [textLine('Massage', 5500)])
    const r = await callOk(
      core,
      'payments.take',
      { clientId, invoiceIds: [inv.id], payments: [{ methodId: m.cash!, amountPence: 5500 }] },
      reception,
    )
    expect(r.invoices[0]!.duePence).toBe(0)
    const entry = await core.db.selectFrom('ledger_entries').selectAll().executeTakeFirstOrThrow()
    const after = await callOk(
      core,
      'payments.reverse',
      { entryId: entry.id, reason: 'Was card, not cash' },
      owner,
    )
    expect(after.owesPence).toBe(5500)
    expect(after.entries.map((e) => [e.kind, e.amountPence, e.reversed, e.reversesId])).toEqual([
      ['payment', 5500, true, null],
      ['reversal', -5500, false, entry.id],
    ])
    const twice = await call(
      core,
      'payments.reverse',
      { entryId: entry.id, reason: 'Again' },
      owner,
    )
    expect(twice.ok || twice.error).toMatchObject({ code: 'conflict' })
  })

  it('will not reverse credit the client has already spent', async () => {
    const { id: clientId } = await aBookableClient(core)
    await callOk(
      core,
      'payments.take',
      { clientId, payments: [{ methodId: m.cash!, amountPence: 2000 }] },
      reception,
    )
    const inv = await anIssuedInvoice(core, clientId, [textLine('Massage', 2000)])
    await callOk(
      core,
      'payments.take',
      {
        clientId,
        invoiceIds: [inv.id],
        payments: [{ methodId: m.account_credit!, amountPence: 2000 }],
      },
      reception,
    )
    const first = await core.db
      .selectFrom('ledger_entries')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const r = await call(core, 'payments.reverse', { entryId: first.id, reason: 'Mistake' }, owner)
    expect(r.ok || r.error).toMatchObject({ code: 'rule_broken' })
    expect((await sums(clientId)).entries).toBe(2)
  })
})

describe('outstanding invoices', () => {
  it('ages what is due by days since issue, with the phone to chase', async () => {
    const { id: clientId } = await aBookableClient(core)
    now = new Date('2026-01-01T10:00:00Z')
    await anIssuedInvoice(core, clientId, [textLine('Massage', 5500)])
    now = new Date('2026-02-20T10:00:00Z')
    const part = await anIssuedInvoice(core, clientId, [textLine('Massage', 4000)])
    await callOk(
      core,
      'payments.take',
      { clientId, invoiceIds: [part.id], payments: [{ methodId: m.cash!, amountPence: 1000 }] },
      reception,
    )
    now = new Date('2026-03-02T10:00:00Z')
    const paid = await anIssuedInvoice(core, clientId, [textLine('Massage', 3000)])
    await callOk(
      core,
      'payments.take',
      { clientId, invoiceIds: [paid.id], payments: [{ methodId: m.cash!, amountPence: 3000 }] },
      reception,
    )
    const out = await callOk(core, 'money.outstanding', {}, reception)
    expect(out.rows.map((r) => [r.number, r.ageDays, r.bucket, r.duePence])).toEqual([
      ['INV-000001', 60, '31-60', 5500],
      ['INV-000002', 10, '0-30', 3000],
    ])
    expect(out.rows[0]!.clientPhone).toMatch(/^07911/)
    expect(out.totals).toEqual({ '0-30': 3000, '31-60': 5500, '61-90': 0, '90+': 0 })
  })
})

describe('therapists see whether their own appointments are paid', () => {
  it("answers for the therapist's own appointments only", async () => {
    const { appointment, massage, client } = await aClinicWithAnArrival(core)
    const jo = await aTherapist('Jo').working(['Mon'], '08:00-20:00').offering(massage).in(core)
    const other = await anArrival(core, client.id, massage.id, jo.id, '2026-03-02 12:00')
    const samUser = await aStaffMember(core.db, 'therapist', { username: 'sam' })
    await core.db
      .updateTable('therapists')
      .set({ user_id: samUser.userId })
      .where('name', '=', 'Sam')
      .execute()
    await callOk(
      core,
      'invoices.checkout',
      { appointmentId: appointment.id, payments: [{ methodId: m.card!, amountPence: 5500 }] },
      reception,
    )
    const seen = await callOk(
      core,
      'money.forAppointments',
      { appointmentIds: [appointment.id, other.id] },
      samUser,
    )
    expect(seen.map((s) => [s.appointmentId, s.state])).toEqual([[appointment.id, 'paid']])
    const all = await callOk(
      core,
      'money.forAppointments',
      { appointmentIds: [appointment.id, other.id] },
      aSession('owner'),
    )
    expect(all.map((s) => s.state)).toEqual(['paid', 'none'])
  })
})

describe('merge and anonymise', () => {
  it('moves invoices, credit notes and payments with a merge, and back on undo', async () => {
    const kept = await aBookableClient(core, reception, ['Ann', 'Lee'])
    const dup = await aBookableClient(core, reception, ['Anne', 'Lee'])
    const inv = await anIssuedInvoice(core, dup.id)
    await callOk(
      core,
      'payments.take',
      {
        clientId: dup.id,
        invoiceIds: [inv.id],
        payments: [{ methodId: m.cash!, amountPence: 6000 }],
      },
      reception,
    )
    await callOk(
      core,
      'creditNotes.issue',
      { invoiceId: inv.id, amountPence: 500, reason: 'Goodwill' },
      owner,
    )
    const { mergeId } = await callOk(
      core,
      'clients.merge',
      { keepId: kept.id, mergeId: dup.id, take: [] },
      owner,
    )
    const keptAccount = await callOk(core, 'money.account', { clientId: kept.id }, owner)
    expect(keptAccount.invoices.map((i) => i.id)).toEqual([inv.id])
    expect(keptAccount.creditPence).toBe(500)
    expect(keptAccount.entries).toHaveLength(2)
    // Still the name it was issued to: an issued invoice is not rewritten by a merge.
    expect(keptAccount.invoices[0]!.clientName).toBe('Anne Lee')
    await callOk(core, 'clients.undoMerge', { mergeId }, owner)
    expect((await callOk(core, 'money.account', { clientId: dup.id }, owner)).creditPence).toBe(500)
    expect((await callOk(core, 'money.account', { clientId: kept.id }, owner)).invoices).toEqual([])
    // Outside a merge, moving an issued invoice to another client is refused.
    await expect(
      sql`UPDATE invoices SET client_id = ${kept.id} WHERE id = ${inv.id}`.execute(core.db),
    ).rejects.toThrow(/issued invoice cannot be changed/)
  })

  it('keeps amounts and dates when anonymising, removing the name and reference', async () => {
    const c = await aBookableClient(core, reception, ['Tom', 'Baker'])
    const draft = await callOk(
      core,
      'invoices.saveDraft',
      {
        clientId: c.id,
        billTo: { kind: 'third_party', name: 'Westfield Health', reference: 'WH-889911' },
        lines: [textLine('Massage', 5500)],
      },
      reception,
    )
    const inv = await callOk(core, 'invoices.issue', { id: draft.id }, reception)
    await callOk(
      core,
      'invoices.saveDraft',
      { clientId: c.id, lines: [textLine('Never issued', 100)] },
      reception,
    )
    await callOk(core, 'retention.anonymise', { clientId: c.id }, owner)
    const row = await core.db
      .selectFrom('invoices')
      .selectAll()
      .where('client_id', '=', c.id)
      .execute()
    expect(row).toHaveLength(1)
    expect(row[0]).toMatchObject({
      number: inv.number,
      issued_at: inv.issuedAt,
      gross_pence: 5500,
      client_name: '',
      bill_to_name: '',
      bill_to_reference: '',
    })
    const del = await call(core, 'retention.delete', { clientId: c.id }, owner)
    expect(del.ok).toBe(false)
  })
})
