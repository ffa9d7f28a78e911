import { strFromU8, unzipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { callOk } from '../fixtures/clients'
import { aBookableClient } from '../fixtures/diary'
import { anIssuedInvoice, methods, owner, reception, textLine } from '../fixtures/money'
import { openTempCore } from '../fixtures/temp-core'

let core: Awaited<ReturnType<typeof openTempCore>>
beforeEach(async () => {
  core = await openTempCore({ now: () => new Date('2026-03-02T10:30:00Z') })
})
afterEach(async () => {
  await core.dispose()
})

const MONEY_TABLES = [
  'money_settings',
  'products',
  'payment_methods',
  'invoices',
  'invoice_lines',
  'credit_notes',
  'ledger_entries',
  'cash_ups',
  'cash_up_lines',
  'gift_vouchers',
]

describe('money in the clinic export and subject access', () => {
  it('exports every money table', async () => {
    const { id: clientId } = await aBookableClient(core)
    const m = await methods(core)
    const inv = await anIssuedInvoice(core, clientId, [textLine('Massage', 5500)])
    await callOk(
      core,
      'payments.take',
      { clientId, invoiceIds: [inv.id], payments: [{ methodId: m.cash!, amountPence: 5500 }] },
      reception,
    )
    const out = await callOk(core, 'exports.clinic', {}, owner)
    const files = unzipSync(Buffer.from(out.base64, 'base64'))
    for (const table of MONEY_TABLES) expect(Object.keys(files), table).toContain(`${table}.csv`)
    expect(out.counts['invoices']).toBe(1)
    expect(out.counts['ledger_entries']).toBe(1)
  })

  it("includes the client's invoices, payments and credit notes in a subject access request", async () => {
    const { id: clientId } = await aBookableClient(core, reception, ['Priya', 'Shah'])
    const m = await methods(core)
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
      { invoiceId: inv.id, amountPence: 500, reason: 'Goodwill' },
      owner,
    )
    const out = await callOk(core, 'gdpr.subjectAccess', { clientId }, owner)
    const zip = unzipSync(Buffer.from(out.base64, 'base64'))
    const json = Object.keys(zip).find((f) => f.endsWith('.json'))!
    const doc = JSON.parse(strFromU8(zip[json]!)) as {
      related: Record<string, Record<string, unknown>[]>
    }
    expect(doc.related['invoices']).toMatchObject([{ number: 'INV-000001', gross_pence: 5500 }])
    expect(doc.related['ledger_entries']).toMatchObject([{ amount_pence: 5500 }])
    expect(doc.related['credit_notes']).toMatchObject([{ number: 'CN-000001', gross_pence: 500 }])
  })
})
