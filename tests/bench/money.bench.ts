import type { PlinthCore } from '../../src/main/app-core'
import type { Session } from '../../src/main/rpc/context'
import { measure, type Figure } from './measure'

export const INVOICE_COUNT = 200_000

/**
 * 200,000 issued invoices over the clinic's clients, in raw SQL (the router would take an
 * hour): one line each, nine in ten paid by card or cash, the rest owing, issued over the
 * last three years. Plus arrived appointments to check out.
 */
function bulkSeedMoney(
  core: PlinthCore,
  checkouts: number,
): { clientIds: number[]; appointmentIds: number[] } {
  const db = core.sqlite
  const clientIds = (
    db.prepare('SELECT id FROM clients ORDER BY id').all() as { id: number }[]
  ).map((r) => r.id)
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
      const clientId = clientIds[i % clientIds.length]!
      const issued = new Date(
        now - ((INVOICE_COUNT - i) / INVOICE_COUNT) * 3 * 365 * 86_400_000,
      ).toISOString()
      const id = Number(invoice.run(clientId, issued, issued).lastInsertRowid)
      line.run(id)
      issue.run(i + 1, `INV-${String(i + 1).padStart(6, '0')}`, issued, issued.slice(0, 10), id)
      if (i % 10 !== 0) entry.run(clientId, issued, i % 3 === 0 ? cash : card, id, `bench-${i}`)
    }
    for (let i = 0; i < checkouts; i++) {
      const starts = new Date(now - 3_600_000 - i * 60_000).toISOString()
      const ends = new Date(now - i * 60_000).toISOString()
      const row = appt.get(
        clientIds[i % clientIds.length],
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
  return { clientIds, appointmentIds }
}

/** The issue's money budgets (issue 13) through the router, with 200,000 invoices. */
export async function benchMoney(core: PlinthCore, session: Session): Promise<Figure[]> {
  const runs = 300
  const { clientIds, appointmentIds } = bulkSeedMoney(core, runs + 50)
  const methods = (await core.router.call('money.methods', {}, session)) as {
    ok: true
    value: { id: number; kind: string }[]
  }
  const id = (kind: string) => methods.value.find((m) => m.kind === kind)!.id
  let next = 0
  return [
    await measure(
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
    ),
    await measure(
      "a client's balance (money.account: owes, credit, invoices)",
      500,
      (i) =>
        core.router.call(
          'money.account',
          { clientId: clientIds[(i * 7919) % clientIds.length]! },
          session,
        ),
      5,
    ),
    await measure(
      'the outstanding list (money.outstanding)',
      20,
      () => core.router.call('money.outstanding', {}, session),
      50,
    ),
  ]
}
