import { resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { callOk } from '../fixtures/clients'
import { aClinicWithAnArrival, aNamedClinic, methods, owner, reception } from '../fixtures/money'
import { pdfTextOf } from '../fixtures/pdf-text'
import { openTempCore } from '../fixtures/temp-core'

const OUT = resolve('test-results/pdf/money')
let core: Awaited<ReturnType<typeof openTempCore>>

beforeEach(async () => {
  core = await openTempCore({ now: () => new Date('2026-03-02T10:30:00Z') })
  await aNamedClinic(core)
})
afterEach(async () => {
  await core.dispose()
})

function textOf(base64: string, name: string): string {
  return pdfTextOf(Buffer.from(base64, 'base64'), OUT, name).replace(/[ \t]+/g, ' ')
}

describe('the invoice and receipt PDF', () => {
  it('has what a health cash plan asks for on a receipt', async () => {
    const { appointment, sam } = await aClinicWithAnArrival(core)
    await callOk(
      core,
      'money.savePractitioner',
      {
        therapistId: sam.id,
        professionalBody: 'Sports Massage Association',
        membershipNumber: 'SMA-12345',
        qualification: 'Level 5 Diploma in Sports Massage',
      },
      owner,
    )
    const m = await methods(core)
    const paid = await callOk(
      core,
      'invoices.checkout',
      {
        appointmentId: appointment.id,
        payments: [
          { methodId: m.cash!, amountPence: 2000 },
          { methodId: m.card!, amountPence: 3500 },
        ],
      },
      reception,
    )
    const pdf = await callOk(core, 'invoices.pdf', { id: paid.invoice.id }, reception)
    expect(pdf.filename).toBe('INV-000001.pdf')
    const text = textOf(pdf.base64, 'receipt-paid')
    for (const expected of [
      'Riverside Sports Massage',
      '12 Mill Lane, Bristol BS1 4AA · 0117 496 0000',
      'Receipt INV-000001',
      'Client treated',
      'Priya Shah',
      'Date of treatment',
      '2 March 2026, 10:00',
      'Sam — Level 5 Diploma in Sports Massage; Sports Massage Association, membership no.',
      'SMA-12345',
      'Sports massage 60 min 1 £55.00',
      'Paid 2 March 2026 by Cash £20.00',
      'Paid 2 March 2026 by Card £35.00',
      'Balance due £0.00',
      'No VAT is charged',
    ]) {
      expect(text).toContain(expected)
    }
  })

  it('shows VAT per rate and the VAT number for a registered clinic, and who pays', async () => {
    const { client } = await aClinicWithAnArrival(core)
    const s = await callOk(core, 'money.settings', {}, owner)
    await callOk(
      core,
      'money.updateSettings',
      { ...s, vatRegistered: true, vatNumber: 'GB123456789' },
      owner,
    )
    const draft = await callOk(
      core,
      'invoices.saveDraft',
      {
        clientId: client.id,
        billTo: {
          kind: 'third_party',
          name: 'Westfield Health',
          address: 'Westfield House, Sheffield',
          reference: 'AUTH-7781',
        },
        lines: [
          { kind: 'text', description: 'Sports massage 60 min', quantity: 1, unitPence: 5500 },
          {
            kind: 'text',
            description: 'Foam roller',
            quantity: 2,
            unitPence: 1800,
            vatRate: 'standard',
          },
        ],
      },
      reception,
    )
    const inv = await callOk(core, 'invoices.issue', { id: draft.id }, reception)
    const text = textOf(
      (await callOk(core, 'invoices.pdf', { id: inv.id }, reception)).base64,
      'invoice-vat',
    )
    for (const expected of [
      'Invoice INV-000001',
      'VAT number',
      'GB123456789',
      'Date of issue (tax point)',
      'Westfield Health',
      'AUTH-7781',
      'Priya Shah',
      // 5500 -> VAT 917; 3600 -> VAT 600: standard 20 % net 7583, VAT 1517, gross 9100.
      'Standard 20%: net £75.83, VAT £15.17 £91.00',
      'Balance due £91.00',
    ]) {
      expect(text).toContain(expected)
    }
    expect(text).not.toContain('No VAT is charged')
  })
})
