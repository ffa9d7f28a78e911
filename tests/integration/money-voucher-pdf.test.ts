import { resolve } from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { callOk } from '../fixtures/clients'
import { aBookableClient } from '../fixtures/diary'
import { aNamedClinic, anIssuedInvoice, methods, reception, textLine } from '../fixtures/money'
import { pdfTextOf } from '../fixtures/pdf-text'
import { call, openTempCore } from '../fixtures/temp-core'

const OUT = resolve('test-results/pdf/money')
let core: Awaited<ReturnType<typeof openTempCore>>

beforeEach(async () => {
  core = await openTempCore({ now: () => new Date('2026-06-17T09:00:00Z') })
  await aNamedClinic(core)
})
afterEach(async () => {
  await core.dispose()
})

const text = (base64: string, name: string) =>
  pdfTextOf(Buffer.from(base64, 'base64'), OUT, name).replace(/[ \t]+/g, ' ')

describe('the gift voucher PDF', () => {
  it('prints the clinic, the code, the value, what is left, the expiry and who it is for and from', async () => {
    const m = await methods(core)
    const { id: buyer } = await aBookableClient(core, reception, ['Helen', 'Wood'])
    const sold = await callOk(
      core,
      'vouchers.sell',
      {
        clientId: buyer,
        valuePence: 5000,
        recipientName: 'Siân Wiśniewska',
        payments: [{ methodId: m.card!, amountPence: 5000 }],
      },
      reception,
    )
    // Half of it spent on a massage before it is printed again.
    const { id: sian } = await aBookableClient(core, reception, ['Siân', 'Wiśniewska'])
    const inv = await anIssuedInvoice(core, sian, [textLine('Sports massage 60 min', 2500)])
    await callOk(
      core,
      'payments.take',
      {
        clientId: sian,
        invoiceIds: [inv.id],
        payments: [
          { methodId: m.gift_voucher!, amountPence: 2500, voucherCode: sold.voucher.code },
        ],
      },
      reception,
    )

    const pdf = await callOk(core, 'vouchers.pdf', { id: sold.voucher.id }, reception)
    expect(pdf.filename).toBe(`${sold.voucher.code}.pdf`)
    const t = text(pdf.base64, 'gift-voucher')
    for (const expected of [
      'Riverside Sports Massage',
      '12 Mill Lane, Bristol BS1 4AA · 0117 496 0000',
      'Gift voucher',
      '£50.00',
      sold.voucher.code,
      'Balance £25.00',
      'Valid until 16 June 2027',
      'For Siân Wiśniewska',
      'From Helen Wood',
      'Sold 17 June 2026 · INV-000001',
    ]) {
      expect(t).toContain(expected)
    }
    const doc = await PDFDocument.load(Buffer.from(pdf.base64, 'base64'))
    expect(doc.getPageCount()).toBe(1)
    expect(doc.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 })
    const audit = await core.db
      .selectFrom('audit_log')
      .select(['summary', 'entity_id'])
      .where('action', '=', 'vouchers.pdf')
      .execute()
    expect(audit).toEqual([
      { summary: `Printed gift voucher ${sold.voucher.code}`, entity_id: String(buyer) },
    ])
  })

  it('leaves out who it is for when no name was recorded, and answers not_found for no voucher', async () => {
    const m = await methods(core)
    const { id: buyer } = await aBookableClient(core, reception, ['Helen', 'Wood'])
    const sold = await callOk(
      core,
      'vouchers.sell',
      { clientId: buyer, valuePence: 3000, payments: [{ methodId: m.cash!, amountPence: 3000 }] },
      reception,
    )
    const t = text((await callOk(core, 'vouchers.pdf', { id: sold.voucher.id })).base64, 'gv-2')
    expect(t).toContain('Balance £30.00')
    expect(t).not.toContain('For ')
    const r = await call(core, 'vouchers.pdf', { id: 999 }, reception)
    expect(r.ok || r.error.code).toBe('not_found')
  })
})
