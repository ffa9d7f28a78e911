import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openCore, type PlinthCore } from '../../src/main/app-core'
import { newDatabaseKey } from '../../src/main/db/cipher'
import { silentLogger } from '../../src/main/log'
import type { Session } from '../../src/main/rpc/context'
import { REPORT_IDS } from '../../src/shared/contract/report-values'
import { runReport } from '../../src/main/services/reports'
import { measure, withFloor, type Figure } from './measure'
import { rawStatements, recordingDb, statementsOf } from './money-raw'
import { bulkSeedClients } from './seed-clients'

/**
 * Issue 14's scale: 10 therapists, 500,000 appointments and 200,000 invoices (seeded in about
 * two and a half minutes on the shared 2-core build machine). PLINTH_BENCH_REPORTS_SCALE=0.1
 * seeds a tenth for a quick look; the table's title says which.
 */
export const REPORTS_SCALE = Number(process.env['PLINTH_BENCH_REPORTS_SCALE'] ?? '1')
const APPOINTMENTS = Math.round(500_000 * REPORTS_SCALE)
const INVOICES = Math.round(200_000 * REPORTS_SCALE)
const YEARS = 5
/** Timed calls per report (after as many to warm up): a year's report is not a hot path. */
const RUNS = Number(process.env['PLINTH_BENCH_REPORTS_RUNS'] ?? '20')
const DAY = 86_400_000
const owner: Session = { userId: 0, username: 'bench', displayName: 'Bench', role: 'owner' }

/**
 * Appointments over the last five years (and a month ahead) for 10 therapists working
 * Monday to Saturday, every status; an invoice for 4 in 10 of them, paid by card or cash
 * nine times in ten, a refund now and then; cash-ups, packages and vouchers. Raw SQL in one
 * transaction: the router would take hours. The balance triggers run as rows go in.
 */
export function bulkSeedReports(core: PlinthCore, now: number): void {
  const db = core.sqlite
  const at = new Date(now).toISOString()
  const clientIds = (
    db.prepare('SELECT id FROM clients ORDER BY id').all() as { id: number }[]
  ).map((r) => r.id)
  const methods = db.prepare('SELECT id, kind FROM payment_methods').all() as {
    id: number
    kind: string
  }[]
  const card = methods.find((m) => m.kind === 'card')!.id
  const cash = methods.find((m) => m.kind === 'cash')!.id
  db.transaction(() => {
    for (let wd = 1; wd <= 6; wd++) {
      db.prepare(
        'INSERT OR REPLACE INTO clinic_hours (weekday, opens, closes) VALUES (?, ?, ?)',
      ).run(wd, '07:00', '21:00')
    }
    const services = [60, 45, 30].map(
      (minutes, i) =>
        (
          db
            .prepare(
              `INSERT INTO services (name, duration_minutes, price_pence, buffer_after_minutes, colour, needs_room, active, created_at, updated_at)
                    VALUES (?, ?, ?, 0, '#0e6b63', 0, 1, ?, ?) RETURNING id`,
            )
            .get(`Bench service ${i + 1}`, minutes, 3000 + minutes * 50, at, at) as { id: number }
        ).id,
    )
    const therapists: number[] = []
    for (let t = 0; t < 10; t++) {
      const id = (
        db
          .prepare(
            `INSERT INTO therapists (name, colour, active, created_at, updated_at) VALUES (?, '#3b82f6', 1, ?, ?) RETURNING id`,
          )
          .get(`Bench therapist ${t + 1}`, at, at) as { id: number }
      ).id
      therapists.push(id)
      for (let wd = 1; wd <= 6; wd++) {
        db.prepare(
          `INSERT INTO therapist_hours (therapist_id, kind, weekday, starts, ends) VALUES (?, 'work', ?, '08:00', '20:00')`,
        ).run(id, wd)
        db.prepare(
          `INSERT INTO therapist_hours (therapist_id, kind, weekday, starts, ends) VALUES (?, 'break', ?, '13:00', '13:30')`,
        ).run(id, wd)
      }
      db.prepare(
        `INSERT INTO therapist_time_off (therapist_id, starts_on, ends_on, reason, created_at) VALUES (?, ?, ?, 'Holiday', ?)`,
      ).run(
        id,
        new Date(now - (60 + t * 7) * DAY).toISOString().slice(0, 10),
        new Date(now - (53 + t * 7) * DAY).toISOString().slice(0, 10),
        at,
      )
      db.prepare(
        'INSERT INTO commission_rates (therapist_id, service_id, rate_bp) VALUES (?, 0, ?)',
      ).run(id, 3500 + t * 100)
    }
    const appt =
      db.prepare(`INSERT INTO appointments (client_id, therapist_id, service_id, starts_at, ends_at, blocked_until, status, price_pence, cancelled_by, late_cancellation, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, 5500, ?, ?, ?, ?)`)
    const invoice =
      db.prepare(`INSERT INTO invoices (client_id, status, client_name, bill_to, bill_to_name, net_pence, vat_pence, gross_pence, created_at, updated_at)
      VALUES (?, 'draft', 'Bench client', 'client', 'Bench client', 5500, 0, 5500, ?, ?)`)
    const line =
      db.prepare(`INSERT INTO invoice_lines (invoice_id, position, kind, service_id, appointment_id, description, quantity, unit_pence, vat_rate, vat_bp, net_pence, vat_pence, gross_pence)
      VALUES (?, 1, 'service', ?, ?, 'Bench massage', 1, 5500, 'none', 0, 5500, 0, 5500)`)
    const issue = db.prepare(
      `UPDATE invoices SET status = 'issued', number_seq = ?, number = ?, issued_at = ?, tax_point = ? WHERE id = ?`,
    )
    const entry = db.prepare(
      `INSERT INTO ledger_entries (client_id, at, kind, method_id, invoice_id, amount_pence, batch) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    const statuses = [
      'completed',
      'completed',
      'completed',
      'completed',
      'completed',
      'completed',
      'no_show',
      'cancelled',
      'cancelled',
      'arrived',
    ]
    const span = YEARS * 365 * DAY
    let invoices = 0
    // Invoices spread evenly over the completed visits (6 in 10 of those past: ~295,000 at
    // full scale), so every year has its share.
    const perCompleted = INVOICES / (APPOINTMENTS * 0.6 * (1 - 30 / (YEARS * 365 + 30)))
    let completed = 0
    for (let i = 0; i < APPOINTMENTS; i++) {
      const start = now - span + Math.floor((i / APPOINTMENTS) * (span + 30 * DAY))
      const startsAt = new Date(start - (start % (15 * 60_000))).toISOString()
      const endsAt = new Date(Date.parse(startsAt) + 3_600_000).toISOString()
      const future = Date.parse(startsAt) > now
      const status = future ? 'booked' : statuses[i % statuses.length]!
      const clientId = clientIds[(i * 7919) % clientIds.length]!
      const therapistId = therapists[i % therapists.length]!
      const serviceId = services[i % services.length]!
      const made = new Date(Date.parse(startsAt) - ((i % 21) + 1) * DAY).toISOString()
      const id = Number(
        appt.run(
          clientId,
          therapistId,
          serviceId,
          startsAt,
          endsAt,
          endsAt,
          status,
          status === 'cancelled' ? 'client' : null,
          status === 'cancelled' && i % 2 ? 1 : 0,
          made,
          made,
        ).lastInsertRowid,
      )
      if (status === 'completed') completed += 1
      if (
        status === 'completed' &&
        invoices < INVOICES &&
        completed * perCompleted >= invoices + 1
      ) {
        invoices += 1
        const inv = Number(invoice.run(clientId, endsAt, endsAt).lastInsertRowid)
        line.run(inv, serviceId, id)
        issue.run(
          invoices,
          `INV-${String(invoices).padStart(7, '0')}`,
          endsAt,
          endsAt.slice(0, 10),
          inv,
        )
        if (invoices % 10 !== 0) {
          entry.run(
            clientId,
            endsAt,
            'payment',
            invoices % 3 === 0 ? cash : card,
            inv,
            5500,
            `b${invoices}`,
          )
          if (invoices % 97 === 0)
            entry.run(clientId, endsAt, 'refund', card, inv, -1500, `r${invoices}`)
        }
      }
    }
  })()
  core.sqlite.exec('ANALYZE')
}

/** Each report for one year (the last 365 days, with the year before) through the router. */
export async function benchReports(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-bench-reports-'))
  const core = await openCore({
    file: join(dir, 'clinic.sqlite'),
    key: newDatabaseKey(),
    log: silentLogger,
  })
  try {
    const now = Date.now()
    const start = performance.now()
    bulkSeedClients(core, Math.max(2000, Math.round(20_000 * REPORTS_SCALE)))
    bulkSeedReports(core, now)
    const counts = core.sqlite
      .prepare('SELECT (SELECT count(*) FROM appointments) a, (SELECT count(*) FROM invoices) i')
      .get() as { a: number; i: number }
    console.log(
      `reports bench: seeded ${counts.a.toLocaleString('en-GB')} appointments and ${counts.i.toLocaleString('en-GB')} invoices in ${((performance.now() - start) / 1000).toFixed(1)} s`,
    )
    const to = new Date(now).toISOString().slice(0, 10)
    const from = new Date(now - 364 * DAY).toISOString().slice(0, 10)
    const range = { preset: 'custom' as const, from, to }
    const figures: Figure[] = []
    // The floor beside each figure: the statements one run of the report made, replayed raw
    // (prepared once, one transaction, no router, validation, Kysely or JS sums). What is
    // left between the two is the report's own JS work and the router's.
    const recorder = recordingDb(core)
    const replay = rawStatements(core)
    for (const report of REPORT_IDS) {
      const taken = await statementsOf(recorder, (db) =>
        runReport(db, { report, range, compare: true }, new Date(now)),
      )
      const floor = await measure(`${report} floor`, RUNS, () => replay(taken))
      const figure = await measure(
        `${report}: one year and the year before (router)`,
        RUNS,
        async () => {
          const r = await core.router.call('reports.get', { report, range }, owner)
          if (!r.ok) throw new Error(`${report}: ${r.error.message}`)
        },
        200,
      )
      figures.push(withFloor(figure, floor))
    }
    figures.push(
      await measure(
        'appointments: rows behind the DNA rate, first page (router)',
        RUNS,
        async () => {
          const r = await core.router.call(
            'reports.rows',
            { report: 'appointments', range, figure: 'dna', limit: 100, offset: 0 },
            owner,
          )
          if (!r.ok) throw new Error(r.error.message)
        },
        200,
      ),
    )
    return figures
  } finally {
    await core.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
