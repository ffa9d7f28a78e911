import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { callOk } from '../fixtures/clients'
import { aBookableClient } from '../fixtures/diary'
import {
  aClinicWithAnArrival,
  anIssuedInvoice,
  methods,
  owner,
  reception,
  textLine,
} from '../fixtures/money'
import { call, openTempCore } from '../fixtures/temp-core'

let core: Awaited<ReturnType<typeof openTempCore>>
let now = new Date('2026-03-02T10:30:00Z')

beforeEach(async () => {
  now = new Date('2026-03-02T10:30:00Z')
  core = await openTempCore({ now: () => now })
})
afterEach(async () => {
  await core.dispose()
})

async function numbers(): Promise<(string | null)[]> {
  const rows = await core.db
    .selectFrom('invoices')
    .select('number')
    .where('status', '=', 'issued')
    .orderBy('number_seq')
    .execute()
  return rows.map((r) => r.number)
}

describe('invoice numbering', () => {
  it('gives a number only at issue, in order with the clinic prefix, and none to a draft', async () => {
    const { id: clientId } = await aBookableClient(core)
    const draft = await callOk(
      core,
      'invoices.saveDraft',
      { clientId, lines: [textLine('Foam roller', 1500)] },
      reception,
    )
    expect(draft).toMatchObject({ status: 'draft', number: null, grossPence: 1500 })
    const first = await callOk(core, 'invoices.issue', { id: draft.id }, reception)
    const second = await anIssuedInvoice(core, clientId)
    expect([first.number, second.number]).toEqual(['INV-000001', 'INV-000002'])
    expect(first.issuedAt).toBe(now.toISOString())
    expect(first.taxPoint).toBe('2026-03-02')
  })

  it('leaves no gap when a command fails after taking a number', async () => {
    const { client, appointment } = await aClinicWithAnArrival(core)
    const m = await methods(core)
    await anIssuedInvoice(core, client.id)
    // Checkout issues INV-000002, then the payment is refused (more account credit than the
    // client has): the whole command rolls back, number included.
    const refused = await call(
      core,
      'invoices.checkout',
      {
        appointmentId: appointment.id,
        payments: [{ methodId: m.account_credit!, amountPence: 5500 }],
      },
      reception,
    )
    expect(refused.ok).toBe(false)
    expect(await numbers()).toEqual(['INV-000001'])
    expect(await core.db.selectFrom('invoices').select('id').execute()).toHaveLength(1)
    const paid = await callOk(
      core,
      'invoices.checkout',
      { appointmentId: appointment.id, payments: [{ methodId: m.card!, amountPence: 5500 }] },
      reception,
    )
    expect(paid.invoice.number).toBe('INV-000002')
    await anIssuedInvoice(core, client.id)
    expect(await numbers()).toEqual(['INV-000001', 'INV-000002', 'INV-000003'])
  })

  it('continues from the number the owner sets, with their prefix', async () => {
    const { id: clientId } = await aBookableClient(core)
    const settings = await callOk(core, 'money.settings', {}, owner)
    await callOk(
      core,
      'money.updateSettings',
      { ...settings, invoicePrefix: 'PL-', numberDigits: 5, firstInvoiceNumber: 123 },
      owner,
    )
    const a = await anIssuedInvoice(core, clientId)
    const b = await anIssuedInvoice(core, clientId)
    expect([a.number, b.number]).toEqual(['PL-00123', 'PL-00124'])
  })
})

describe('an issued invoice cannot be changed', () => {
  it('refuses SQL that changes or deletes an issued invoice or its lines', async () => {
    const { id: clientId } = await aBookableClient(core)
    const inv = await anIssuedInvoice(core, clientId, [textLine('Sports massage', 5500)])
    const attempts = [
      sql`UPDATE invoices SET gross_pence = 1 WHERE id = ${inv.id}`,
      sql`UPDATE invoices SET status = 'draft', number = NULL, number_seq = NULL, issued_at = NULL WHERE id = ${inv.id}`,
      sql`UPDATE invoices SET bill_to_name = 'Someone else' WHERE id = ${inv.id}`,
      sql`UPDATE invoices SET number = 'INV-000099' WHERE id = ${inv.id}`,
      sql`UPDATE invoice_lines SET unit_pence = 1 WHERE invoice_id = ${inv.id}`,
      sql`INSERT INTO invoice_lines (invoice_id, position, kind, description, quantity, unit_pence,
            vat_rate, vat_bp, net_pence, vat_pence, gross_pence)
          VALUES (${inv.id}, 2, 'text', 'Extra', 1, 100, 'none', 0, 100, 0, 100)`,
    ]
    for (const attempt of attempts) {
      await expect(attempt.execute(core.db)).rejects.toThrow(/issued invoice cannot be changed/)
    }
    await expect(
      sql`DELETE FROM invoice_lines WHERE invoice_id = ${inv.id}`.execute(core.db),
    ).rejects.toThrow(/issued invoice cannot be changed/)
    await expect(sql`DELETE FROM invoices WHERE id = ${inv.id}`.execute(core.db)).rejects.toThrow(
      /issued invoice cannot be deleted/,
    )
    expect(await callOk(core, 'invoices.get', { id: inv.id }, reception)).toEqual(inv)
  })

  it('refuses every column of an issued invoice, one at a time', async () => {
    const { id: clientId } = await aBookableClient(core)
    const inv = await anIssuedInvoice(core, clientId)
    const columns = await sql<{
      name: string
    }>`SELECT name FROM pragma_table_info('invoices')`.execute(core.db)
    expect(columns.rows.length).toBeGreaterThan(20)
    for (const { name } of columns.rows) {
      await expect(
        sql`UPDATE invoices SET ${sql.ref(name)} = ${name === 'id' ? 999 : 'x'} WHERE id = ${inv.id}`.execute(
          core.db,
        ),
        name,
      ).rejects.toThrow(/issued invoice cannot be changed|FOREIGN KEY|CHECK/)
    }
  })

  it('refuses a change through the router too, and lets a draft change freely', async () => {
    const { id: clientId } = await aBookableClient(core)
    const draft = await callOk(
      core,
      'invoices.saveDraft',
      { clientId, lines: [textLine('Massage', 5000)] },
      reception,
    )
    const edited = await callOk(
      core,
      'invoices.saveDraft',
      {
        id: draft.id,
        clientId,
        lines: [textLine('Massage', 5500), textLine('Foam roller', 1500, 2)],
      },
      reception,
    )
    expect(edited.grossPence).toBe(8500)
    await callOk(core, 'invoices.issue', { id: draft.id }, reception)
    const again = await call(
      core,
      'invoices.saveDraft',
      { id: draft.id, clientId, lines: [textLine('Massage', 1)] },
      reception,
    )
    expect(again.ok || again.error).toMatchObject({ code: 'conflict' })
    const discard = await call(core, 'invoices.discardDraft', { id: draft.id }, reception)
    expect(discard.ok || discard.error).toMatchObject({ code: 'conflict' })
  })

  it('refuses to change or delete credit notes and ledger entries', async () => {
    const { id: clientId } = await aBookableClient(core)
    const m = await methods(core)
    const inv = await anIssuedInvoice(core, clientId)
    await callOk(
      core,
      'payments.take',
      { clientId, invoiceIds: [inv.id], payments: [{ methodId: m.cash!, amountPence: 2000 }] },
      reception,
    )
    await callOk(
      core,
      'creditNotes.issue',
      { invoiceId: inv.id, amountPence: 500, reason: 'Goodwill' },
      owner,
    )
    for (const attempt of [
      sql`UPDATE ledger_entries SET amount_pence = 1`,
      sql`UPDATE ledger_entries SET method_id = ${m.card!}`,
      sql`UPDATE credit_notes SET gross_pence = 1, net_pence = 1, vat_pence = 0`,
    ]) {
      await expect(attempt.execute(core.db)).rejects.toThrow(/cannot be changed/)
    }
    await expect(sql`DELETE FROM ledger_entries`.execute(core.db)).rejects.toThrow(
      /cannot be deleted/,
    )
    await expect(sql`DELETE FROM credit_notes`.execute(core.db)).rejects.toThrow(
      /cannot be deleted/,
    )
  })
})

describe('credit notes', () => {
  it('are numbered in their own sequence, refer to the invoice and reduce what is due', async () => {
    const { id: clientId } = await aBookableClient(core)
    const inv = await anIssuedInvoice(core, clientId, [textLine('Massage', 5500)])
    const after = await callOk(
      core,
      'creditNotes.issue',
      { invoiceId: inv.id, amountPence: 1500, reason: 'Session cut short' },
      owner,
    )
    expect(after.creditNotes).toMatchObject([
      { number: 'CN-000001', invoiceId: inv.id, grossPence: 1500, reason: 'Session cut short' },
    ])
    expect(after).toMatchObject({ grossPence: 5500, creditedPence: 1500, duePence: 4000 })
    const second = await callOk(
      core,
      'creditNotes.issue',
      { invoiceId: inv.id, amountPence: 4000, reason: 'Cancelled' },
      owner,
    )
    expect(second.creditNotes.map((n) => n.number)).toEqual(['CN-000001', 'CN-000002'])
    expect(second.duePence).toBe(0)
  })

  it('never credits more than is left on the invoice, and only the owner issues them', async () => {
    const { id: clientId } = await aBookableClient(core)
    const inv = await anIssuedInvoice(core, clientId, [textLine('Massage', 5500)])
    const tooMuch = await call(
      core,
      'creditNotes.issue',
      { invoiceId: inv.id, amountPence: 5501, reason: 'Mistake' },
      owner,
    )
    expect(tooMuch.ok || tooMuch.error).toMatchObject({
      code: 'rule_broken',
      fieldErrors: [{ path: 'amountPence', message: 'At most £55.00' }],
    })
    const byReception = await call(
      core,
      'creditNotes.issue',
      { invoiceId: inv.id, amountPence: 100, reason: 'Mistake' },
      reception,
    )
    expect(byReception.ok || byReception.error).toMatchObject({ code: 'forbidden' })
    expect(await core.db.selectFrom('credit_notes').selectAll().execute()).toEqual([])
  })
})

describe('VAT', () => {
  async function registered() {
    const settings = await callOk(core, 'money.settings', {}, owner)
    await callOk(
      core,
      'money.updateSettings',
      { ...settings, vatRegistered: true, vatNumber: 'GB123456789' },
      owner,
    )
  }

  it('shows no VAT for a clinic that is not registered', async () => {
    const { id: clientId } = await aBookableClient(core)
    const inv = await anIssuedInvoice(core, clientId, [textLine('Massage', 5500)])
    expect(inv).toMatchObject({ vatRegistered: false, vatNumber: '', netPence: 5500, vatPence: 0 })
    expect(inv.lines[0]).toMatchObject({ vatRate: 'none', vatPence: 0 })
  })

  it('works VAT out of VAT-inclusive prices per line, rounded half up to the penny', async () => {
    await registered()
    const { id: clientId } = await aBookableClient(core)
    const inv = await anIssuedInvoice(core, clientId, [
      // £55.00 at 20 %: 5500 x 20/120 = 916.67 -> 917; net 4583.
      textLine('Sports massage 60 min', 5500),
      // 3 x £4.99 = 1497 at 20 %: 249.5 -> 250 (half up); net 1247.
      { ...textLine('Massage wax', 499, 3), vatRate: 'standard' },
      // £10.50 at 5 %: 1050 x 5/105 = 50.00; net 1000.
      { ...textLine('Reduced-rate item', 1050), vatRate: 'reduced' },
      // Exempt: no VAT.
      { ...textLine('Physiotherapy (registered practitioner)', 4000), vatRate: 'exempt' },
    ])
    expect(inv.lines.map((l) => [l.vatPence, l.netPence, l.grossPence])).toEqual([
      [917, 4583, 5500],
      [250, 1247, 1497],
      [50, 1000, 1050],
      [0, 4000, 4000],
    ])
    expect(inv).toMatchObject({
      vatRegistered: true,
      vatNumber: 'GB123456789',
      netPence: 10830,
      vatPence: 1217,
      grossPence: 12047,
    })
  })

  it('credits VAT in proportion, and a full credit cancels the VAT exactly', async () => {
    await registered()
    const { id: clientId } = await aBookableClient(core)
    const inv = await anIssuedInvoice(core, clientId, [textLine('Massage', 5500)])
    // 2000 of 5500 with 917 VAT: 2000 x 917 / 5500 = 333.45 -> 333.
    const part = await callOk(
      core,
      'creditNotes.issue',
      { invoiceId: inv.id, amountPence: 2000, reason: 'Shorter session' },
      owner,
    )
    expect(part.creditNotes[0]).toMatchObject({ grossPence: 2000, vatPence: 333, netPence: 1667 })
    const rest = await callOk(
      core,
      'creditNotes.issue',
      { invoiceId: inv.id, amountPence: 3500, reason: 'Cancelled' },
      owner,
    )
    const vat = rest.creditNotes.reduce((s, n) => s + n.vatPence, 0)
    expect(vat).toBe(917)
  })
})

describe('who an invoice is billed to', () => {
  it('can be a third party with an address and reference, still naming the treated client', async () => {
    const { id: clientId } = await aBookableClient(core, reception, ['Tom', 'Baker'])
    const draft = await callOk(
      core,
      'invoices.saveDraft',
      {
        clientId,
        billTo: {
          kind: 'third_party',
          name: 'Riverside Rugby Club',
          address: '1 Pitch Lane\nBristol BS1 1AA',
          reference: 'Membership 4471',
        },
        lines: [textLine('Sports massage 60 min', 5500)],
      },
      reception,
    )
    const inv = await callOk(core, 'invoices.issue', { id: draft.id }, reception)
    expect(inv.clientName).toBe('Tom Baker')
    expect(inv.billTo).toEqual({
      kind: 'third_party',
      name: 'Riverside Rugby Club',
      address: '1 Pitch Lane\nBristol BS1 1AA',
      reference: 'Membership 4471',
    })
  })

  it('needs a name for a third party', async () => {
    const { id: clientId } = await aBookableClient(core)
    const r = await call(
      core,
      'invoices.saveDraft',
      { clientId, billTo: { kind: 'third_party', name: '  ' }, lines: [textLine('Massage', 5500)] },
      reception,
    )
    expect(r.ok || r.error).toMatchObject({
      code: 'invalid_input',
      fieldErrors: [{ path: 'billTo.name', message: 'Enter who the invoice is addressed to' }],
    })
  })
})
