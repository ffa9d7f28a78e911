// The balances migration 0870 keeps beside the ledger must always equal the ledger's sums:
// after every command (payments over several invoices, refunds, credit notes, reversals),
// after merges and their undo, for rows written raw, and for a file upgraded with money in it.
import fc from 'fast-check'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCore } from '../../src/main/app-core'
import { openConnection } from '../../src/main/db/connection'
import { migrateToLatest } from '../../src/main/db/migrate'
import { migrations } from '../../src/main/db/migrations'
import { silentLogger } from '../../src/main/log'
import { callOk } from '../fixtures/clients'
import { aBookableClient } from '../fixtures/diary'
import { methods, owner, reception, textLine } from '../fixtures/money'
import { balancesFromLedger, keptBalances } from '../fixtures/money-balances'
import { openTempCore, tempDir } from '../fixtures/temp-core'
import { UNENCRYPTED } from '../../src/main/db/cipher'
import { testKey } from '../fixtures/test-key'

let core: Awaited<ReturnType<typeof openTempCore>>
let m: Record<string, number>
beforeAll(async () => {
  core = await openTempCore({ now: () => new Date('2026-03-02T10:30:00Z') })
  m = await methods(core)
})
afterAll(async () => {
  await core.dispose()
})

const amount = fc.integer({ min: 1, max: 9_000 })
const who = fc.constantFrom(0, 1)
const pick = fc.nat({ max: 12 })
const money = fc.constantFrom('card', 'cash', 'bank_transfer', 'account_credit')
const op = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('issue' as const), who, amount }) },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('pay' as const),
      who,
      invoices: fc.array(pick, { maxLength: 3 }),
      tenders: fc.array(fc.record({ method: money, amount }), { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('refund' as const),
      who,
      entry: pick,
      toCredit: fc.boolean(),
      /** Percent of the payment, so most refunds fit (and some of 110 % do not). */
      percent: fc.integer({ min: 1, max: 110 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('refundCredit' as const), who, amount }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('creditNote' as const), who, invoice: pick, amount }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('reverse' as const), who, entry: pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('merge' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('undoMerge' as const) }) },
)
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never

interface Run {
  clients: [number, number]
  mergeId: number | null
}

const nth = <T>(list: T[], i: number): T | undefined => list[i % Math.max(1, list.length)]

async function issuedOf(clientId: number) {
  return core.db
    .selectFrom('invoices')
    .select('id')
    .where('client_id', '=', clientId)
    .where('status', '=', 'issued')
    .orderBy('id')
    .execute()
}

async function entriesOf(clientId: number) {
  return core.db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('id')
    .execute()
}

/** One command through the router; a refusal is allowed, a crash is not. */
async function run(state: Run, o: Op): Promise<boolean> {
  const clientId = 'who' in o ? state.clients[o.who] : state.clients[0]
  let r
  switch (o.op) {
    case 'issue': {
      const d = await core.router.call(
        'invoices.saveDraft',
        { clientId, lines: [textLine('Massage', o.amount)] },
        reception,
      )
      if (!d.ok) return false
      r = await core.router.call(
        'invoices.issue',
        { id: (d.value as { id: number }).id },
        reception,
      )
      break
    }
    case 'pay': {
      const issued = await issuedOf(clientId)
      const invoiceIds = [...new Set(o.invoices.map((i) => nth(issued, i)?.id))].filter(
        (id): id is number => id !== undefined,
      )
      r = await core.router.call(
        'payments.take',
        {
          clientId,
          invoiceIds,
          payments: o.tenders.map((t) => ({ methodId: m[t.method]!, amountPence: t.amount })),
        },
        reception,
      )
      break
    }
    case 'refund': {
      const payments = (await entriesOf(clientId)).filter(
        (e) => e.invoice_id !== null && e.amount_pence > 0,
      )
      const e = nth(payments, o.entry)
      if (!e) return false
      r = await core.router.call(
        'payments.refund',
        {
          clientId,
          invoiceId: e.invoice_id,
          entryId: e.id,
          methodId: o.toCredit ? m.account_credit! : e.method_id,
          amountPence: Math.max(1, Math.round((e.amount_pence * o.percent) / 100)),
          reason: 'Property test',
        },
        owner,
      )
      break
    }
    case 'refundCredit':
      r = await core.router.call(
        'payments.refund',
        { clientId, methodId: m.cash!, amountPence: o.amount, reason: 'Property test' },
        owner,
      )
      break
    case 'creditNote': {
      const inv = nth(await issuedOf(clientId), o.invoice)
      if (!inv) return false
      r = await core.router.call(
        'creditNotes.issue',
        { invoiceId: inv.id, amountPence: o.amount, reason: 'Property test' },
        owner,
      )
      break
    }
    case 'reverse': {
      const e = nth(await entriesOf(clientId), o.entry)
      if (!e) return false
      r = await core.router.call('payments.reverse', { entryId: e.id, reason: 'Test' }, owner)
      break
    }
    case 'merge':
      if (state.mergeId !== null) return false
      r = await core.router.call(
        'clients.merge',
        { keepId: state.clients[0], mergeId: state.clients[1], take: [] },
        owner,
      )
      if (r.ok) state.mergeId = (r.value as { mergeId: number }).mergeId
      break
    case 'undoMerge':
      if (state.mergeId === null) return false
      r = await core.router.call('clients.undoMerge', { mergeId: state.mergeId }, owner)
      if (r.ok) state.mergeId = null
      break
  }
  if (!r.ok) {
    expect(['rule_broken', 'conflict', 'not_found'], JSON.stringify(r.error)).toContain(
      r.error.code,
    )
  }
  return r.ok
}

const done: Record<string, number> = {}
describe('balances kept beside the ledger', () => {
  it('always equal the sums of the entries, credit notes and invoices, through merges', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 30 }), async (ops) => {
        const a = await aBookableClient(core)
        const b = await aBookableClient(core)
        const state: Run = { clients: [a.id, b.id], mergeId: null }
        for (const o of ops) {
          const ok = await run(state, o)
          done[`${o.op}:${ok}`] = (done[`${o.op}:${ok}`] ?? 0) + 1
          expect(await keptBalances(core.db)).toEqual(await balancesFromLedger(core.db))
        }
      }),
      { numRuns: 60, seed: 20260617 },
    )
    // Enough of each kind of change happened for the property to mean something.
    for (const kind of ['pay', 'refund', 'creditNote', 'reverse', 'merge', 'undoMerge']) {
      expect(done[`${kind}:true`] ?? 0, kind).toBeGreaterThan(5)
    }
  }, 180_000)

  it('follow rows written straight into the tables, not only through the services', async () => {
    const { id: clientId } = await aBookableClient(core)
    const at = '2026-03-02T10:30:00.000Z'
    const inv = await sql<{ id: number }>`
      INSERT INTO invoices (client_id, status, number_seq, number, issued_at, tax_point,
        gross_pence, net_pence, created_at, updated_at)
      VALUES (${clientId}, 'issued', 900001, 'IMPORTED-1', ${at}, '2026-03-02', 4000, 4000,
        ${at}, ${at}) RETURNING id`.execute(core.db)
    const invoiceId = inv.rows[0]!.id
    await sql`INSERT INTO ledger_entries (client_id, at, kind, method_id, invoice_id, amount_pence, batch)
      VALUES (${clientId}, ${at}, 'payment', ${m.cash}, ${invoiceId}, 1500, 'raw'),
             (${clientId}, ${at}, 'payment', ${m.card}, NULL, 700, 'raw')`.execute(core.db)
    const account = await callOk(core, 'money.account', { clientId }, owner)
    expect([account.owesPence, account.creditPence]).toEqual([2500, 700])
    expect(account.open.map((i) => [i.number, i.duePence])).toEqual([['IMPORTED-1', 2500]])
    expect(await keptBalances(core.db)).toEqual(await balancesFromLedger(core.db))
  })

  it('refuse to let the account-credit method change its kind (the rule reads it)', async () => {
    await expect(
      sql`UPDATE payment_methods SET kind = 'other' WHERE kind = 'account_credit'`.execute(core.db),
    ).rejects.toThrow(/account-credit method cannot change its kind/)
    await expect(
      sql`UPDATE payment_methods SET kind = 'account_credit' WHERE kind = 'cash'`.execute(core.db),
    ).rejects.toThrow(/account-credit method cannot change its kind/)
  })
})

describe('migration 0870 on a file that already has money in it', () => {
  it('works out every balance from the rows already there', async () => {
    const tmp = tempDir()
    try {
      const file = join(tmp.dir, 'clinic.sqlite')
      // An older Plinth's file: plain, from before encryption at rest.
      const old = openConnection(file, UNENCRYPTED)
      await migrateToLatest(old.db, {
        sqlite: old.sqlite,
        migrations: Object.fromEntries(
          Object.entries(migrations).filter(([name]) => name < '0870' || name >= '0900'),
        ),
      })
      const raw = old.sqlite
      const at = '2026-01-10T10:00:00.000Z'
      const client = (name: string) =>
        Number(
          raw
            .prepare(
              `INSERT INTO clients (first_name, last_name, created_at, updated_at) VALUES (?, 'Old', ?, ?)`,
            )
            .run(name, at, at).lastInsertRowid,
        )
      const [ann, bob] = [client('Ann'), client('Bob')]
      const method = (kind: string) =>
        (raw.prepare('SELECT id FROM payment_methods WHERE kind = ?').get(kind) as { id: number })
          .id
      const invoice = (clientId: number, seq: number, gross: number) =>
        Number(
          raw
            .prepare(
              `INSERT INTO invoices (client_id, status, number_seq, number, issued_at, gross_pence,
                 net_pence, created_at, updated_at) VALUES (?, 'issued', ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(clientId, seq, `INV-${seq}`, at, gross, gross, at, at).lastInsertRowid,
        )
      const entry = (clientId: number, methodKind: string, invoiceId: number | null, p: number) =>
        raw
          .prepare(
            `INSERT INTO ledger_entries (client_id, at, kind, method_id, invoice_id, amount_pence, batch)
             VALUES (?, ?, 'payment', ?, ?, ?, 'old')`,
          )
          .run(clientId, at, method(methodKind), invoiceId, p)
      const a1 = invoice(ann, 1, 5500)
      const a2 = invoice(ann, 2, 3000)
      const b1 = invoice(bob, 3, 4000)
      entry(ann, 'card', a1, 6000) // 500 overpaid on a1
      entry(ann, 'cash', null, 2000) // 2000 to credit…
      entry(ann, 'account_credit', a2, 1200) // …1200 of it spent on a2
      raw
        .prepare(
          `INSERT INTO credit_notes (invoice_id, client_id, number_seq, number, issued_at, reason,
             net_pence, vat_pence, gross_pence) VALUES (?, ?, 1, 'CN-1', ?, 'Short', 1000, 0, 1000)`,
        )
        .run(b1, bob, at)
      await old.close()

      const upgraded = await openCore({ file, key: testKey, log: silentLogger })
      try {
        expect(upgraded.migration.applied).toEqual([
          '0870-money-balances',
          '0875-money-indexes',
          '0880-refund-links',
        ])
        const kept = await keptBalances(upgraded.db)
        expect(kept).toEqual(await balancesFromLedger(upgraded.db))
        expect(kept.invoices[a1]).toMatchObject({ paid: 6000, due: -500 })
        expect(kept.invoices[a2]).toMatchObject({ paid: 1200, due: 1800 })
        expect(kept.invoices[b1]).toMatchObject({ credited: 1000, paid: 0, due: 3000 })
        expect(kept.clients).toEqual({
          [ann]: { owes: 1800, credit: 800 },
          [bob]: { owes: 3000, credit: 0 },
        })
      } finally {
        await upgraded.close()
      }
    } finally {
      tmp.remove()
    }
  })
})
