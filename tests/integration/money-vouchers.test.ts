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
  now = new Date('2026-03-02T10:30:00Z')
  core = await openTempCore({ now: () => now })
  m = await methods(core)
  const settings = await callOk(core, 'money.settings', {}, owner)
  await callOk(
    core,
    'money.updateSettings',
    { ...settings, vatRegistered: true, vatNumber: 'GB123456789' },
    owner,
  )
})
afterEach(async () => {
  await core.dispose()
})

async function sell(valuePence = 5000) {
  const { id: buyer } = await aBookableClient(core, reception, ['Helen', 'Wood'])
  const sold = await callOk(
    core,
    'vouchers.sell',
    {
      clientId: buyer,
      valuePence,
      recipientName: 'Sarah Wood',
      payments: [{ methodId: m.cash!, amountPence: valuePence }],
    },
    reception,
  )
  return { buyer, ...sold }
}

describe('gift vouchers', () => {
  it('are sold on an invoice paid in full, outside the scope of VAT, with a code and an expiry', async () => {
    const { voucher, invoice } = await sell()
    expect(voucher).toMatchObject({
      valuePence: 5000,
      balancePence: 5000,
      recipientName: 'Sarah Wood',
      expiresOn: '2027-03-01',
      expired: false,
      invoiceNumber: 'INV-000001',
    })
    expect(voucher.code).toMatch(/^GV-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/)
    expect(invoice.lines).toMatchObject([
      { kind: 'voucher', vatRate: 'none', vatPence: 0, grossPence: 5000 },
    ])
    expect(invoice).toMatchObject({ vatPence: 0, duePence: 0 })
    expect(await callOk(core, 'vouchers.list', {}, reception)).toMatchObject({
      unredeemedPence: 5000,
    })
  })

  it('refuses a part-paid sale and leaves nothing behind', async () => {
    const { id: buyer } = await aBookableClient(core)
    const r = await call(
      core,
      'vouchers.sell',
      { clientId: buyer, valuePence: 5000, payments: [{ methodId: m.cash!, amountPence: 4000 }] },
      reception,
    )
    expect(r.ok || r.error).toMatchObject({
      code: 'rule_broken',
      message: 'A gift voucher is sold paid in full.',
    })
    expect(await core.db.selectFrom('invoices').selectAll().execute()).toEqual([])
    expect(await core.db.selectFrom('gift_vouchers').selectAll().execute()).toEqual([])
  })

  it('is redeemed in part, keeping the balance, with VAT charged on what it buys', async () => {
    const { voucher } = await sell()
    const { id: clientId } = await aBookableClient(core, reception, ['Sarah', 'Wood'])
    const inv = await anIssuedInvoice(core, clientId, [textLine('Sports massage 60 min', 5500)])
    expect(inv.vatPence).toBe(917)
    const typed = voucher.code.toLowerCase().replace(/-/g, ' ')
    const r = await callOk(
      core,
      'payments.take',
      {
        clientId,
        invoiceIds: [inv.id],
        payments: [
          { methodId: m.gift_voucher!, amountPence: 2500, voucherCode: typed },
          { methodId: m.card!, amountPence: 3000 },
        ],
      },
      reception,
    )
    expect(r.invoices[0]!.duePence).toBe(0)
    const list = await callOk(core, 'vouchers.list', {}, reception)
    expect(list.rows[0]).toMatchObject({ code: voucher.code, balancePence: 2500 })
    expect(list.unredeemedPence).toBe(2500)

    const second = await anIssuedInvoice(core, clientId, [textLine('Sports massage 60 min', 5500)])
    const tooMuch = await call(
      core,
      'payments.take',
      {
        clientId,
        invoiceIds: [second.id],
        payments: [{ methodId: m.gift_voucher!, amountPence: 2501, voucherCode: voucher.code }],
      },
      reception,
    )
    expect(tooMuch.ok || tooMuch.error).toMatchObject({
      code: 'rule_broken',
      message: `Gift voucher ${voucher.code} has £25.00 left.`,
    })
    const noCode = await call(
      core,
      'payments.take',
      {
        clientId,
        invoiceIds: [second.id],
        payments: [{ methodId: m.gift_voucher!, amountPence: 100 }],
      },
      reception,
    )
    expect(noCode.ok || noCode.error).toMatchObject({ code: 'rule_broken' })
    // A voucher never turns into account credit.
    const over = await call(
      core,
      'payments.take',
      {
        clientId,
        payments: [{ methodId: m.gift_voucher!, amountPence: 100, voucherCode: voucher.code }],
      },
      reception,
    )
    expect(over.ok || over.error).toMatchObject({ code: 'rule_broken' })

    // A mistaken redemption reversed puts the value back on the voucher.
    const redemption = await core.db
      .selectFrom('ledger_entries')
      .select('id')
      .where('voucher_id', '=', voucher.id)
      .executeTakeFirstOrThrow()
    await callOk(
      core,
      'payments.reverse',
      { entryId: redemption.id, reason: 'Wrong voucher' },
      owner,
    )
    expect((await callOk(core, 'vouchers.list', {}, reception)).rows[0]!.balancePence).toBe(5000)
  })

  it('cannot be used after its expiry day, and cannot be changed in the database', async () => {
    const { voucher } = await sell()
    const { id: clientId } = await aBookableClient(core)
    const inv = await anIssuedInvoice(core, clientId, [textLine('Massage', 5500)])
    now = new Date('2027-03-02T09:00:00Z')
    const r = await call(
      core,
      'payments.take',
      {
        clientId,
        invoiceIds: [inv.id],
        payments: [{ methodId: m.gift_voucher!, amountPence: 1000, voucherCode: voucher.code }],
      },
      reception,
    )
    expect(r.ok || r.error).toMatchObject({
      code: 'rule_broken',
      message: `Gift voucher ${voucher.code} expired on 2027-03-01.`,
    })
    expect((await callOk(core, 'vouchers.list', {}, reception)).unredeemedPence).toBe(0)
    await expect(
      sql`UPDATE gift_vouchers SET value_pence = 99999`.execute(core.db),
    ).rejects.toThrow(/gift voucher cannot be changed/)
    await expect(
      sql`UPDATE ledger_entries SET voucher_id = ${voucher.id}`.execute(core.db),
    ).rejects.toThrow(/ledger entry cannot be changed/)
  })
})
