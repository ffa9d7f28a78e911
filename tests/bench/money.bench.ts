import type { PlinthCore } from '../../src/main/app-core'
import type { Session } from '../../src/main/rpc/context'
import { clientAccount, outstanding } from '../../src/main/services/money/account'
import { measure, withFloor, type Figure } from './measure'
import { rawCheckout, rawStatements, recordingDb, statementsOf, type Recorded } from './money-raw'

export const INVOICE_COUNT = 200_000
/** One client (a sports club billed per session) holds every hundredth invoice: 2,000. */
const CLUB_SHARE = 100

/**
 * 200,000 issued invoices over the clinic's clients, in raw SQL (the router would take an
 * hour): one line each, nine in ten paid by card or cash, the rest owing, issued over the
 * last three years. The balances migration 0870 keeps are written by its triggers as these
 * rows go in, as they would be by the app. Plus arrived appointments to check out, half for
 * the router and half for the raw floor.
 */
function bulkSeedMoney(
  core: PlinthCore,
  checkouts: number,
): { clientIds: number[]; clubId: number; appointmentIds: number[]; spareIds: number[] } {
  const db = core.sqlite
  const clientIds = (
    db.prepare('SELECT id FROM clients ORDER BY id').all() as { id: number }[]
  ).map((r) => r.id)
  const clubId = clientIds[0]!
  const now = Date.now()
  const at = new Date(now).toISOString()
  const service = db
    .prepare(
      `INSERT INTO services (name, duration_minutes, price_pence, buffer_after_minutes, colour, needs_room, active, created_at, updated_at)
       VALUES ('Bench massage', 60, 5500, 0, '#0e6b63', 0, 1, ?, ?) RETURNING id`,
    )
    .get(at, at) as { id: number }
  const therapist = db
    .prepare(
      `INSERT INTO therapists (name, colour, active, created_at, updated_at) VALUES ('Bench', '#3b82f6', 1, ?, ?) RETURNING id`,
    )
    .get(at, at) as { id: number }
  const methods = db.prepare('SELECT id, kind FROM payment_methods').all() as {
    id: number
    kind: string
  }[]
  const card = methods.find((m) => m.kind === 'card')!.id
  const cash = methods.find((m) => m.kind === 'cash')!.id
  const invoice = db.prepare(
    `INSERT INTO invoices (client_id, status, number_seq, number, issued_at, issued_by, issued_by_name, tax_point,
       client_name, bill_to, bill_to_name, net_pence, vat_pence, gross_pence, created_at, updated_at)
     VALUES (?, 'draft', NULL, NULL, NULL, NULL, NULL, NULL, 'Bench client', 'client', 'Bench client', 5500, 0, 5500, ?, ?)`,
  )
  const issue = db.prepare(
    `UPDATE invoices SET status = 'issued', number_seq = ?, number = ?, issued_at = ?, tax_point = ? WHERE id = ?`,
  )
  const line = db.prepare(
    `INSERT INTO invoice_lines (invoice_id, position, kind, description, quantity, unit_pence, vat_rate, vat_bp, net_pence, vat_pence, gross_pence)
     VALUES (?, 1, 'text', 'Sports massage 60 min', 1, 5500, 'none', 0, 5500, 0, 5500)`,
  )
  const entry = db.prepare(
    `INSERT INTO ledger_entries (client_id, at, kind, method_id, invoice_id, amount_pence, batch)
     VALUES (?, ?, 'payment', ?, ?, 5500, ?)`,
  )
  const appt = db.prepare(
    `INSERT INTO appointments (client_id, therapist_id, service_id, starts_at, ends_at, blocked_until, status, price_pence, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'arrived', 5500, ?, ?) RETURNING id`,
  )
  const appointmentIds: number[] = []
  db.transaction(() => {
    for (let i = 0; i < INVOICE_COUNT; i++) {
      const clientId = i % CLUB_SHARE === 0 ? clubId : clientIds[i % clientIds.length]!
      const issued = new Date(
        now - ((INVOICE_COUNT - i) / INVOICE_COUNT) * 3 * 365 * 86_400_000,
      ).toISOString()
      const id = Number(invoice.run(clientId, issued, issued).lastInsertRowid)
      line.run(id)
      issue.run(i + 1, `INV-${String(i + 1).padStart(6, '0')}`, issued, issued.slice(0, 10), id)
      if (i % 10 !== 0) entry.run(clientId, issued, i % 3 === 0 ? cash : card, id, `bench-${i}`)
    }
    for (let i = 0; i < 2 * checkouts; i++) {
      const starts = new Date(now - 3_600_000 - i * 60_000).toISOString()
      const ends = new Date(now - i * 60_000).toISOString()
      const row = appt.get(
        clientIds[1 + (i % (clientIds.length - 1))],
        therapist.id,
        service.id,
        starts,
        ends,
        ends,
        at,
        at,
      ) as { id: number }
      appointmentIds.push(row.id)
    }
  })()
  return {
    clientIds,
    clubId,
    appointmentIds: appointmentIds.slice(0, checkouts),
    spareIds: appointmentIds.slice(checkouts),
  }
}

/** The issue's money budgets (issue 13) through the router, with 200,000 invoices. */
export async function benchMoney(core: PlinthCore, session: Session): Promise<Figure[]> {
  const runs = 300
  const seeded = bulkSeedMoney(core, runs + 50)
  const { clientIds, clubId, appointmentIds, spareIds } = seeded
  const methods = (await core.router.call('money.methods', {}, session)) as {
    ok: true
    value: { id: number; kind: string }[]
  }
  const id = (kind: string) => methods.value.find((m) => m.kind === kind)!.id
  // The statements the services run, recorded once, to replay raw for the floor column.
  const recorder = recordingDb(core)
  const replay = rawStatements(core)
  const now = new Date()

  let next = 0
  const checkout = await measure(
    'checkout: issue the invoice and take £20 cash + £35 card (router)',
    runs,
    async () => {
      const r = await core.router.call(
        'invoices.checkout',
        {
          appointmentId: appointmentIds[next++]!,
          payments: [
            { methodId: id('cash'), amountPence: 2000 },
            { methodId: id('card'), amountPence: 3500 },
          ],
        },
        session,
      )
      if (!r.ok) throw new Error(r.error.message)
    },
    20,
  )
  const raw = rawCheckout(core, { cash: id('cash'), card: id('card') })
  let spare = 0
  const checkoutFloor = await measure('checkout raw', runs, () => raw(spareIds[spare++]!))

  const someone = (i: number) => clientIds[1 + ((i * 7919) % (clientIds.length - 1))]!
  const balance = await measure(
    "a client's balance (money.account: owes, credit, recent and open invoices)",
    500,
    (i) => core.router.call('money.account', { clientId: someone(i) }, session),
    5,
  )
  const balanceRecorded: Recorded[][] = []
  for (let i = 0; i < 550; i++) {
    balanceRecorded.push(await statementsOf(recorder, (db) => clientAccount(db, someone(i))))
  }
  const balanceFloor = await measure('balance raw', 500, (i) => replay(balanceRecorded[i]!))

  const club = await measure(
    `the club's account (${INVOICE_COUNT / CLUB_SHARE} invoices, money.account)`,
    200,
    () => core.router.call('money.account', { clientId: clubId }, session),
    5,
  )
  const clubRecorded = await statementsOf(recorder, (db) => clientAccount(db, clubId))
  const clubFloor = await measure('club raw', 200, () => replay(clubRecorded))

  const list = await measure(
    'the outstanding list, first page of 100 and ageing totals (money.outstanding)',
    100,
    () => core.router.call('money.outstanding', {}, session),
    50,
  )
  const firstPage = await statementsOf(recorder, (db) =>
    outstanding(db, now, { limit: 100, offset: 0 }),
  )
  const listFloor = await measure('outstanding raw', 100, () => replay(firstPage))
  const deep = await measure(
    'the outstanding list, page at 15,000 (money.outstanding)',
    100,
    () => core.router.call('money.outstanding', { offset: 15_000 }, session),
    50,
  )
  const deepPage = await statementsOf(recorder, (db) =>
    outstanding(db, now, { limit: 100, offset: 15_000 }),
  )
  const deepFloor = await measure('deep raw', 100, () => replay(deepPage))
  const invoices = await measure(
    'the invoices list, first page (invoices.list), no budget',
    100,
    () => core.router.call('invoices.list', {}, session),
  )
  return [
    withFloor(checkout, checkoutFloor),
    withFloor(balance, balanceFloor),
    withFloor(club, clubFloor),
    withFloor(list, listFloor),
    withFloor(deep, deepFloor),
    invoices,
  ]
}
