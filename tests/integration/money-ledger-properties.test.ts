import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk } from '../fixtures/clients'
import { aBookableClient } from '../fixtures/diary'
import { methods, owner, reception } from '../fixtures/money'
import { openTempCore } from '../fixtures/temp-core'

let core: Awaited<ReturnType<typeof openTempCore>>
let m: Record<string, number>
beforeAll(async () => {
  core = await openTempCore({ now: () => new Date('2026-03-02T10:30:00Z') })
  m = await methods(core)
})
afterAll(async () => {
  await core.dispose()
})

const amount = fc.integer({ min: 1, max: 8_000 })
const pick = fc.nat({ max: 9 })
const money = fc.constantFrom('card', 'cash', 'bank_transfer', 'account_credit')
const op = fc.oneof(
  fc.record({ op: fc.constant('issue' as const), amount }),
  fc.record({
    op: fc.constant('pay' as const),
    invoices: fc.array(pick, { maxLength: 3 }),
    tenders: fc.array(fc.record({ method: money, amount }), { minLength: 1, maxLength: 2 }),
  }),
  fc.record({
    op: fc.constant('refund' as const),
    invoice: fc.option(pick),
    toCredit: fc.boolean(),
    amount,
  }),
  fc.record({ op: fc.constant('creditNote' as const), invoice: pick, amount }),
  fc.record({ op: fc.constant('reverse' as const), entry: fc.nat({ max: 30 }) }),
)
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never

/** Runs one command through the router; a refusal is allowed, a crash is not. */
async function run(clientId: number, invoiceIds: number[], o: Op): Promise<boolean> {
  const at = (i: number) => invoiceIds[i % Math.max(1, invoiceIds.length)]
  let r
  switch (o.op) {
    case 'issue': {
      const d = await callOk(
        core,
        'invoices.saveDraft',
        {
          clientId,
          lines: [{ kind: 'text', description: 'Massage', quantity: 1, unitPence: o.amount }],
        },
        reception,
      )
      await callOk(core, 'invoices.issue', { id: d.id }, reception)
      invoiceIds.push(d.id)
      return true
    }
    case 'pay':
      r = await core.router.call(
        'payments.take',
        {
          clientId,
          invoiceIds: o.invoices.map(at).filter((x) => x !== undefined),
          payments: o.tenders.map((t) => ({ methodId: m[t.method]!, amountPence: t.amount })),
        },
        reception,
      )
      break
    case 'refund': {
      const invoiceId = o.invoice === null ? null : (at(o.invoice) ?? null)
      r = await core.router.call(
        'payments.refund',
        {
          clientId,
          invoiceId,
          methodId: o.toCredit && invoiceId !== null ? m.account_credit! : m.cash!,
          amountPence: o.amount,
          reason: 'Property test',
        },
        owner,
      )
      break
    }
    case 'creditNote': {
      const invoiceId = at(o.invoice)
      if (invoiceId === undefined) return false
      r = await core.router.call(
        'creditNotes.issue',
        { invoiceId, amountPence: o.amount, reason: 'Property test' },
        owner,
      )
      break
    }
    case 'reverse': {
      const entries = await core.db
        .selectFrom('ledger_entries')
        .select('id')
        .where('client_id', '=', clientId)
        .orderBy('id')
        .execute()
      const entry = entries[o.entry % Math.max(1, entries.length)]
      if (!entry) return false
      r = await core.router.call(
        'payments.reverse',
        { entryId: entry.id, reason: 'Property test' },
        owner,
      )
      break
    }
  }
  if (!r.ok) expect(['rule_broken', 'conflict'], JSON.stringify(r.error)).toContain(r.error.code)
  return r.ok
}

/** Balances as the services derive them must equal sums of the stored rows, and stay in bounds. */
async function checkInvariants(clientId: number, invoiceIds: number[]) {
  const rows = await core.db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('client_id', '=', clientId)
    .execute()
  const account = await callOk(core, 'money.account', { clientId }, owner)
  const credit = rows.reduce(
    (s, e) =>
      s +
      (e.invoice_id === null
        ? e.amount_pence
        : e.method_id === m.account_credit
          ? -e.amount_pence
          : 0),
    0,
  )
  expect(account.creditPence).toBe(credit)
  expect(credit).toBeGreaterThanOrEqual(0)
  let owes = 0
  let paidTotal = 0
  for (const id of invoiceIds) {
    const inv = await callOk(core, 'invoices.get', { id }, owner)
    const paid = rows.filter((e) => e.invoice_id === id).reduce((s, e) => s + e.amount_pence, 0)
    expect(inv.paidPence).toBe(paid)
    expect(paid).toBeGreaterThanOrEqual(0)
    expect(inv.creditedPence).toBeLessThanOrEqual(inv.grossPence)
    expect(inv.duePence).toBe(inv.grossPence - inv.creditedPence - paid)
    owes += Math.max(0, inv.duePence)
    paidTotal += paid
  }
  expect(account.owesPence).toBe(owes)
  // Money in through real methods is exactly what sits on invoices plus the credit.
  const tendered = rows
    .filter((e) => e.method_id !== m.account_credit)
    .reduce((s, e) => s + e.amount_pence, 0)
  expect(tendered).toBe(paidTotal + credit)
}

const stats: Record<string, number> = {}
describe('ledger invariants over random sequences', () => {
  it('keeps derived balances equal to the entries, never negative, and refusals change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 8, maxLength: 30 }), async (ops) => {
        const { id: clientId } = await aBookableClient(core)
        const invoiceIds: number[] = []
        for (const o of ops) {
          const before = await core.db
            .selectFrom('ledger_entries')
            .select('id')
            .where('client_id', '=', clientId)
            .execute()
          const notesBefore = await core.db
            .selectFrom('credit_notes')
            .select('id')
            .where('client_id', '=', clientId)
            .execute()
          const done = await run(clientId, invoiceIds, o)
          stats[`${o.op}:${done}`] = (stats[`${o.op}:${done}`] ?? 0) + 1
          if (!done && o.op !== 'issue') {
            const after = await core.db
              .selectFrom('ledger_entries')
              .select('id')
              .where('client_id', '=', clientId)
              .execute()
            const notesAfter = await core.db
              .selectFrom('credit_notes')
              .select('id')
              .where('client_id', '=', clientId)
              .execute()
            expect(after).toEqual(before)
            expect(notesAfter).toEqual(notesBefore)
          }
          await checkInvariants(clientId, invoiceIds)
        }
      }),
      { numRuns: 60, seed: 20261129 },
    )
    // Enough of each command succeeds for the property to mean something.
    for (const kind of ['pay', 'refund', 'creditNote', 'reverse']) {
      expect(stats[`${kind}:true`] ?? 0, kind).toBeGreaterThan(10)
    }
  }, 120_000)
})
