import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk } from '../fixtures/clients'
import { aBookableClient, aService, aTherapist, openEveryDay } from '../fixtures/diary'
import { anArrival, methods, owner, reception } from '../fixtures/money'
import { aPackageType } from '../fixtures/packages'
import { openTempCore } from '../fixtures/temp-core'

let core: Awaited<ReturnType<typeof openTempCore>>
let m: Record<string, number>
/** A massage Sam gives every day, and package types of 1 to 4 sessions of it. */
let clinic: { serviceId: number; therapistId: number; types: { id: number; pricePence: number }[] }
beforeAll(async () => {
  core = await openTempCore({ now: () => new Date('2026-03-02T10:30:00Z') })
  m = await methods(core)
  const massage = await aService('Sports massage 60 min').in(core)
  const sam = await aTherapist('Sam')
    .working(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], '08:00-20:00')
    .offering(massage)
    .in(core)
  await openEveryDay(core)
  const types = []
  for (const sessions of [1, 2, 3, 4]) {
    types.push(
      await aPackageType(core, [massage.id], {
        name: `${sessions} × massage`,
        sessions,
        pricePence: sessions * 4999,
      }),
    )
  }
  clinic = { serviceId: massage.id, therapistId: sam.id, types }
})

/** Each use is of a new appointment, one an hour back from 1 March 2026, so none clash. */
let slot = 0
function nextSlot(): string {
  const n = slot++
  const day = new Date(Date.UTC(2026, 2, 1) - Math.floor(n / 11) * 86_400_000)
  return `${day.toISOString().slice(0, 10)} ${String(8 + (n % 11)).padStart(2, '0')}:00`
}
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
  // Packages: sold often enough, and used more often than sold, that they run out.
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('sellPackage' as const),
      type: fc.nat({ max: 3 }),
      method: money,
      short: fc.nat({ max: 4 }).map((n) => n === 0),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('usePackage' as const), pkg: pick }) },
  fc.record({ op: fc.constant('reverseUse' as const), session: fc.nat({ max: 20 }) }),
  fc.record({ op: fc.constant('refundPackage' as const), pkg: pick, toCredit: fc.boolean() }),
)
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never

const packagesOf = (clientId: number) =>
  core.db
    .selectFrom('client_packages')
    .select(['id', 'invoice_id'])
    .where('client_id', '=', clientId)
    .orderBy('id')
    .execute()

/** Runs one command through the router; a refusal is allowed, a crash is not. */
async function run(clientId: number, invoiceIds: number[], o: Op): Promise<boolean> {
  const at = (i: number) => invoiceIds[i % Math.max(1, invoiceIds.length)]
  const packages = await packagesOf(clientId)
  const pkgAt = (i: number) => packages[i % Math.max(1, packages.length)]
  let r
  switch (o.op) {
    case 'sellPackage': {
      const type = clinic.types[o.type]!
      r = await core.router.call(
        'packages.sell',
        {
          clientId,
          packageTypeId: type.id,
          // Short by a penny now and then: refused, and nothing is left behind.
          payments: [{ methodId: m[o.method]!, amountPence: type.pricePence - (o.short ? 1 : 0) }],
        },
        reception,
      )
      if (r.ok) invoiceIds.push((r.value as { invoice: { id: number } }).invoice.id)
      break
    }
    case 'usePackage': {
      const pkg = pkgAt(o.pkg)
      if (!pkg) return false
      const visit = await anArrival(
        core,
        clientId,
        clinic.serviceId,
        clinic.therapistId,
        nextSlot(),
      )
      r = await core.router.call(
        'packages.use',
        { appointmentId: visit.id, packageId: pkg.id },
        reception,
      )
      break
    }
    case 'reverseUse': {
      const uses = await core.db
        .selectFrom('package_sessions')
        .select('id')
        .where('client_id', '=', clientId)
        .where('kind', '=', 'use')
        .orderBy('id')
        .execute()
      const use = uses[o.session % Math.max(1, uses.length)]
      if (!use) return false
      r = await core.router.call(
        'packages.reverseUse',
        { sessionId: use.id, reason: 'Property test' },
        reception,
      )
      break
    }
    case 'refundPackage': {
      const pkg = pkgAt(o.pkg)
      if (!pkg) return false
      r = await core.router.call(
        'packages.refund',
        {
          packageId: pkg.id,
          methodId: o.toCredit ? m.account_credit! : m.cash!,
          reason: 'Property test',
        },
        owner,
      )
      break
    }
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

/**
 * A package is never overdrawn, never holds more than it was sold with, and its sessions left
 * are sold - used + reversed (- the unused ones a refund took away), as the service says.
 */
async function checkPackages(clientId: number) {
  const sold = await core.db
    .selectFrom('client_packages')
    .select(['id', 'sessions'])
    .where('client_id', '=', clientId)
    .execute()
  const rows = await core.db
    .selectFrom('package_sessions')
    .selectAll()
    .where('client_id', '=', clientId)
    .execute()
  const listed = await callOk(core, 'packages.forClient', { clientId }, reception)
  expect(listed.map((p) => p.id).sort()).toEqual(sold.map((p) => p.id).sort())
  for (const p of sold) {
    const own = rows.filter((r) => r.package_id === p.id)
    const count = (kind: string) => own.filter((r) => r.kind === kind).length
    const refunded = own.filter((r) => r.kind === 'refund').reduce((s, r) => s - r.sessions, 0)
    const left = p.sessions - count('use') + count('reversal') - refunded
    expect(left).toBe(p.sessions + own.reduce((s, r) => s + r.sessions, 0))
    expect(left).toBeGreaterThanOrEqual(0)
    expect(left).toBeLessThanOrEqual(p.sessions)
    expect(count('reversal')).toBeLessThanOrEqual(count('use'))
    const api = listed.find((l) => l.id === p.id)!
    expect(api.left).toBe(left)
    if (api.refunded) expect(left).toBe(0)
    // Each appointment is paid from a package at most once at a time.
    const standing = own.filter((u) => u.kind === 'use' && !own.some((r) => r.reverses_id === u.id))
    expect(new Set(standing.map((u) => u.appointment_id)).size).toBe(standing.length)
  }
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
  it('keeps derived balances equal to the entries, never negative, packages never overdrawn, and refusals change nothing', async () => {
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
          const sessionsBefore = await core.db
            .selectFrom('package_sessions')
            .select('id')
            .where('client_id', '=', clientId)
            .execute()
          const packagesBefore = await packagesOf(clientId)
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
            const sessionsAfter = await core.db
              .selectFrom('package_sessions')
              .select('id')
              .where('client_id', '=', clientId)
              .execute()
            expect(sessionsAfter).toEqual(sessionsBefore)
            expect(await packagesOf(clientId)).toEqual(packagesBefore)
          }
          await checkInvariants(clientId, invoiceIds)
          await checkPackages(clientId)
        }
      }),
      { numRuns: 60, seed: 20261129 },
    )
    // Enough of each command succeeds for the property to mean something.
    for (const kind of ['pay', 'refund', 'creditNote', 'reverse', 'sellPackage', 'usePackage']) {
      expect(stats[`${kind}:true`] ?? 0, kind).toBeGreaterThan(10)
    }
    // Refused too: a use of a package with nothing left, refunded or unpaid, a short sale.
    for (const kind of ['sellPackage', 'usePackage', 'reverseUse', 'refundPackage']) {
      expect(stats[`${kind}:false`] ?? 0, kind).toBeGreaterThan(0)
    }
    expect(stats['reverseUse:true'] ?? 0).toBeGreaterThan(3)
    expect(stats['refundPackage:true'] ?? 0).toBeGreaterThan(3)
  }, 120_000)
})
