import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { callOk } from '../fixtures/clients'
import { aBookableClient } from '../fixtures/diary'
import { aClinicWithAnArrival, methods, owner, reception } from '../fixtures/money'
import { call, openTempCore } from '../fixtures/temp-core'

let core: Awaited<ReturnType<typeof openTempCore>>

beforeEach(async () => {
  core = await openTempCore({ now: () => new Date('2026-03-02T10:30:00Z') })
})
afterEach(async () => {
  await core.dispose()
})

describe('payment methods', () => {
  it('are renamed, added and switched off by the owner, with unique names', async () => {
    const m = await methods(core)
    await callOk(core, 'money.saveMethod', { id: m.card!, name: 'Card (Dojo)' }, owner)
    const all = await callOk(core, 'money.saveMethod', { name: 'PayPal', kind: 'other' }, owner)
    expect(all.map((x) => x.name)).toEqual([
      'Card (Dojo)',
      'Cash',
      'Bank transfer',
      'Gift voucher',
      'Account credit',
      'Package',
      'Other',
      'PayPal',
    ])
    const clash = await call(core, 'money.saveMethod', { name: 'Cash' }, owner)
    expect(clash.ok || clash.error).toMatchObject({
      code: 'conflict',
      fieldErrors: [{ path: 'name' }],
    })
    const credit = await call(
      core,
      'money.saveMethod',
      { id: m.account_credit!, name: 'Account credit', active: false },
      owner,
    )
    expect(credit.ok || credit.error).toMatchObject({ code: 'rule_broken' })
    await callOk(core, 'money.saveMethod', { id: m.cash!, name: 'Cash', active: false }, owner)
    const { id: clientId } = await aBookableClient(core)
    const refused = await call(
      core,
      'payments.take',
      { clientId, payments: [{ methodId: m.cash!, amountPence: 100 }] },
      reception,
    )
    expect(refused.ok || refused.error).toMatchObject({
      code: 'rule_broken',
      message: 'Cash is switched off.',
    })
    expect((await callOk(core, 'money.methods', {}, reception)).map((x) => x.name)).not.toContain(
      'Cash',
    )
  })
})

describe('VAT rates of services and products', () => {
  it("uses the service's own rate at checkout and the product's on a line", async () => {
    const { appointment, massage, client } = await aClinicWithAnArrival(core)
    const settings = await callOk(core, 'money.settings', {}, owner)
    await callOk(
      core,
      'money.updateSettings',
      { ...settings, vatRegistered: true, vatNumber: 'GB123456789' },
      owner,
    )
    await callOk(
      core,
      'money.setServiceVatRate',
      { serviceId: massage.id, vatRate: 'exempt' },
      owner,
    )
    expect(await callOk(core, 'money.serviceVatRates', {}, reception)).toEqual([
      { serviceId: massage.id, name: 'Sports massage 60 min', vatRate: 'exempt' },
    ])
    const m = await methods(core)
    const paid = await callOk(
      core,
      'invoices.checkout',
      { appointmentId: appointment.id, payments: [{ methodId: m.card!, amountPence: 5500 }] },
      reception,
    )
    expect(paid.invoice.lines[0]).toMatchObject({ vatRate: 'exempt', vatPence: 0, netPence: 5500 })

    const roller = await callOk(
      core,
      'products.save',
      { name: 'Foam roller', pricePence: 1800, vatRate: 'standard' },
      owner,
    )
    const draft = await callOk(
      core,
      'invoices.saveDraft',
      {
        clientId: client.id,
        lines: [
          {
            kind: 'product',
            productId: roller.id,
            description: 'Foam roller',
            quantity: 2,
            unitPence: 1800,
          },
        ],
      },
      reception,
    )
    // 3600 at 20 %: 600 VAT.
    expect(draft.lines[0]).toMatchObject({
      vatRate: 'standard',
      vatBp: 2000,
      vatPence: 600,
      netPence: 3000,
    })
    const byReception = await call(
      core,
      'products.save',
      { name: 'Wax', pricePence: 500 },
      reception,
    )
    expect(byReception.ok || byReception.error).toMatchObject({ code: 'forbidden' })
  })
})
