// Refunds of one payment, reversals, one payment over several invoices, and the paged
// Outstanding list: the services behind the money screens (issue 13).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { callOk } from '../fixtures/clients'
import { aBookableClient } from '../fixtures/diary'
import { anIssuedInvoice, methods, owner, reception, textLine } from '../fixtures/money'
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

/** Priya paid £55 for a massage: £20 cash and £35 card. Returns the invoice and both entries. */
async function priyaPaidSplit() {
  const { id: clientId } = await aBookableClient(core, reception, ['Priya', 'Shah'])
  const inv = await anIssuedInvoice(core, clientId, [textLine('Sports massage', 5500)])
  await callOk(
    core,
    'payments.take',
    {
      clientId,
      invoiceIds: [inv.id],
      payments: [
        { methodId: m.cash!, amountPence: 2000 },
        { methodId: m.card!, amountPence: 3500 },
      ],
    },
    reception,
  )
  const { payments } = await callOk(core, 'invoices.get', { id: inv.id }, owner)
  const cash = payments.find((p) => p.methodId === m.cash)!
  const card = payments.find((p) => p.methodId === m.card)!
  return { clientId, invoiceId: inv.id, cash, card }
}

const refundOf = (
  p: { clientId: number; invoiceId: number },
  entryId: number,
  methodId: number,
  amountPence: number,
) => ({ ...p, entryId, methodId, amountPence, reason: 'Session cut short' })

describe('refunding one payment', () => {
  it('gives back part of a card payment to account credit, then the rest to the card, never more', async () => {
    const p = await priyaPaidSplit()
    expect(p.card.refundablePence).toBe(3500)
    const toCredit = await callOk(
      core,
      'payments.refund',
      refundOf(p, p.card.id, m.account_credit!, 1000),
      owner,
    )
    expect(toCredit.invoice?.duePence).toBe(1000)
    expect([toCredit.owesPence, toCredit.creditPence]).toEqual([1000, 1000])

    const tooMuch = await call(
      core,
      'payments.refund',
      refundOf(p, p.card.id, m.card!, 2501),
      owner,
    )
    expect(tooMuch.ok || tooMuch.error).toMatchObject({
      code: 'rule_broken',
      message: '£25.00 of this payment is left to refund.',
      fieldErrors: [{ path: 'amountPence', message: 'At most £25.00' }],
    })
    const otherMethod = await call(
      core,
      'payments.refund',
      refundOf(p, p.card.id, m.cash!, 500),
      owner,
    )
    expect(otherMethod.ok || otherMethod.error).toMatchObject({
      code: 'rule_broken',
      fieldErrors: [{ path: 'methodId' }],
    })

    const rest = await callOk(core, 'payments.refund', refundOf(p, p.card.id, m.card!, 2500), owner)
    const card = rest.invoice!.payments.find((e) => e.id === p.card.id)!
    expect(card.refundablePence).toBe(0)
    expect(rest.invoice!.payments.filter((e) => e.refundOfId === p.card.id)).toMatchObject([
      { kind: 'transfer', amountPence: -1000, reason: 'Session cut short' },
      { kind: 'refund', methodId: m.card, amountPence: -2500 },
    ])
    expect(rest.invoice!.duePence).toBe(3500)
    const again = await call(core, 'payments.refund', refundOf(p, p.card.id, m.card!, 1), owner)
    expect(again.ok || again.error).toMatchObject({
      message: 'This payment has already been refunded in full.',
    })
  })

  it('is for the owner only, with a reason of at least three characters', async () => {
    const p = await priyaPaidSplit()
    for (const role of ['reception', 'therapist'] as const) {
      const r = await call(
        core,
        'payments.refund',
        refundOf(p, p.cash.id, m.cash!, 500),
        aSession(role),
      )
      expect(r.ok || r.error, role).toMatchObject({ code: 'forbidden' })
    }
    const short = await call(
      core,
      'payments.refund',
      { ...refundOf(p, p.cash.id, m.cash!, 500), reason: 'no' },
      owner,
    )
    expect(short.ok || short.error).toMatchObject({
      code: 'invalid_input',
      fieldErrors: [{ path: 'reason', message: 'Give a reason (3 characters or more)' }],
    })
    expect(await core.db.selectFrom('ledger_entries').select('id').execute()).toHaveLength(2)
  })

  it('has nothing to give back of a reversed payment', async () => {
    const p = await priyaPaidSplit()
    await callOk(core, 'payments.reverse', { entryId: p.cash.id, reason: 'Was card' }, owner)
    const r = await call(core, 'payments.refund', refundOf(p, p.cash.id, m.cash!, 100), owner)
    expect(r.ok || r.error).toMatchObject({ code: 'rule_broken', message: /reversed/ })
  })
})

describe('reversing an entry', () => {
  it('never reverses a reversal, and reverses a refunded payment only after its refund', async () => {
    const p = await priyaPaidSplit()
    const refunded = await callOk(
      core,
      'payments.refund',
      refundOf(p, p.cash.id, m.cash!, 500),
      owner,
    )
    const refund = refunded.invoice!.payments.find((e) => e.refundOfId === p.cash.id)!
    const early = await call(
      core,
      'payments.reverse',
      { entryId: p.cash.id, reason: 'x'.repeat(5) },
      owner,
    )
    expect(early.ok || early.error).toMatchObject({
      code: 'rule_broken',
      message: 'Part of this payment has been refunded; reverse the refund first.',
    })
    const undone = await callOk(
      core,
      'payments.reverse',
      { entryId: refund.id, reason: 'Refunded by mistake' },
      owner,
    )
    const reversal = undone.invoice!.payments.find((e) => e.reversesId === refund.id)!
    expect(reversal).toMatchObject({ kind: 'reversal', amountPence: 500 })
    const twice = await call(
      core,
      'payments.reverse',
      { entryId: reversal.id, reason: 'Undo the undo' },
      owner,
    )
    expect(twice.ok || twice.error).toMatchObject({
      code: 'rule_broken',
      message: 'A reversal cannot be reversed; if it was a mistake, take the payment again.',
    })
    const byReception = await call(
      core,
      'payments.reverse',
      { entryId: p.cash.id, reason: 'Was card' },
      reception,
    )
    expect(byReception.ok || byReception.error).toMatchObject({ code: 'forbidden' })
    const done = await callOk(
      core,
      'payments.reverse',
      { entryId: p.cash.id, reason: 'Was card' },
      owner,
    )
    // Nothing is removed: the payment, its refund and both reversals all stay.
    expect(done.invoice!.payments.map((e) => [e.kind, e.amountPence, e.reversed])).toEqual([
      ['payment', 2000, true],
      ['payment', 3500, false],
      ['refund', -500, true],
      ['reversal', 500, false],
      ['reversal', -2000, false],
    ])
    expect(done.invoice!.duePence).toBe(2000)
  })
})

describe('one payment for several invoices', () => {
  it('pays the oldest first whatever order they are ticked in, split across methods, the rest to credit', async () => {
    const { id: clientId } = await aBookableClient(core)
    now = new Date('2026-01-05T10:00:00Z')
    const jan = await anIssuedInvoice(core, clientId, [textLine('Massage', 3000)])
    now = new Date('2026-02-05T10:00:00Z')
    const feb = await anIssuedInvoice(core, clientId, [textLine('Massage', 2500)])
    now = new Date('2026-03-02T10:00:00Z')
    const mar = await anIssuedInvoice(core, clientId, [textLine('Foam roller', 1000)])
    const r = await callOk(
      core,
      'payments.take',
      {
        clientId,
        invoiceIds: [mar.id, jan.id],
        payments: [
          { methodId: m.cash!, amountPence: 2000 },
          { methodId: m.card!, amountPence: 3500 },
        ],
      },
      reception,
    )
    expect(r.toCreditPence).toBe(1500)
    expect(r.invoices.map((i) => [i.number, i.duePence])).toEqual([
      ['INV-000003', 0],
      ['INV-000001', 0],
    ])
    const entries = await core.db
      .selectFrom('ledger_entries')
      .select(['method_id', 'invoice_id', 'amount_pence'])
      .orderBy('id')
      .execute()
    expect(entries).toEqual([
      { method_id: m.cash, invoice_id: jan.id, amount_pence: 2000 },
      { method_id: m.card, invoice_id: jan.id, amount_pence: 1000 },
      { method_id: m.card, invoice_id: mar.id, amount_pence: 1000 },
      { method_id: m.card, invoice_id: null, amount_pence: 1500 },
    ])
    const account = await callOk(core, 'money.account', { clientId }, reception)
    expect([account.owesPence, account.creditPence]).toEqual([2500, 1500])
    expect(account.open.map((i) => [i.id, i.duePence])).toEqual([[feb.id, 2500]])
  })

  it('spends account credit first and never turns credit into more credit', async () => {
    const { id: clientId } = await aBookableClient(core)
    await callOk(
      core,
      'payments.take',
      { clientId, payments: [{ methodId: m.cash!, amountPence: 1500 }] },
      reception,
    )
    const inv = await anIssuedInvoice(core, clientId, [textLine('Massage', 1000)])
    const over = await call(
      core,
      'payments.take',
      {
        clientId,
        invoiceIds: [inv.id],
        payments: [{ methodId: m.account_credit!, amountPence: 1500 }],
      },
      reception,
    )
    expect(over.ok || over.error).toMatchObject({
      code: 'rule_broken',
      message: 'Use no more account credit or voucher than is due.',
    })
    const r = await callOk(
      core,
      'payments.take',
      {
        clientId,
        invoiceIds: [inv.id],
        payments: [
          { methodId: m.card!, amountPence: 500 },
          { methodId: m.account_credit!, amountPence: 800 },
        ],
      },
      reception,
    )
    // Credit first (£8), then card £2 to the invoice, and card's other £3 back to credit.
    expect([r.toCreditPence, r.creditPence]).toEqual([300, 1000])
  })

  it('is refused to a therapist, and for invoices of another client', async () => {
    const { id: clientId } = await aBookableClient(core)
    const { id: otherId } = await aBookableClient(core)
    const theirs = await anIssuedInvoice(core, otherId)
    const r = await call(
      core,
      'payments.take',
      { clientId, invoiceIds: [theirs.id], payments: [{ methodId: m.cash!, amountPence: 100 }] },
      reception,
    )
    expect(r.ok || r.error).toMatchObject({ code: 'rule_broken' })
    const t = await call(
      core,
      'payments.take',
      { clientId, payments: [{ methodId: m.cash!, amountPence: 100 }] },
      aSession('therapist'),
    )
    expect(t.ok || t.error).toMatchObject({ code: 'forbidden' })
  })
})

describe('the Outstanding list, a page at a time', () => {
  it('pages oldest first with totals by age over every page', async () => {
    const { id: clientId } = await aBookableClient(core)
    const days = [100, 70, 45, 20, 1]
    for (const [i, d] of days.entries()) {
      now = new Date(Date.parse('2026-03-02T10:00:00Z') - d * 86_400_000)
      await anIssuedInvoice(core, clientId, [textLine('Massage', 1000 * (i + 1))])
    }
    now = new Date('2026-03-02T10:00:00Z')
    const pages = []
    for (const offset of [0, 2, 4, 6]) {
      pages.push(await callOk(core, 'money.outstanding', { limit: 2, offset }, reception))
    }
    expect(pages.map((p) => p.rows.map((r) => r.ageDays))).toEqual([[100, 70], [45, 20], [1], []])
    expect(pages.map((p) => p.more)).toEqual([true, true, false, false])
    for (const p of pages) {
      expect(p.count).toBe(5)
      expect(p.totals).toEqual({ '0-30': 9000, '31-60': 3000, '61-90': 2000, '90+': 1000 })
    }
    const t = await call(core, 'money.outstanding', {}, aSession('therapist'))
    expect(t.ok || t.error).toMatchObject({ code: 'forbidden' })
    const huge = await call(core, 'money.outstanding', { limit: 5000 }, reception)
    expect(huge.ok || huge.error).toMatchObject({ code: 'invalid_input' })
  })

  it('puts an invoice in 0–30 until 31 whole days have passed, as its row says', async () => {
    const { id: clientId } = await aBookableClient(core)
    now = new Date('2026-01-30T10:00:00Z')
    await anIssuedInvoice(core, clientId, [textLine('Massage', 1000)])
    for (const [at, bucket] of [
      ['2026-03-02T09:59:59Z', '0-30'],
      ['2026-03-02T10:00:00Z', '31-60'],
    ] as const) {
      now = new Date(at)
      const out = await callOk(core, 'money.outstanding', {}, reception)
      expect(out.rows[0]!.bucket, at).toBe(bucket)
      expect(out.totals[bucket], at).toBe(1000)
    }
  })
})
