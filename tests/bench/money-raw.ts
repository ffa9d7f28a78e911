import type Database from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import type { PlinthCore } from '../../src/main/app-core'
import type { DB } from '../../src/main/db/schema'

export interface Recorded {
  sql: string
  parameters: readonly unknown[]
}

export interface Recorder {
  db: Kysely<DB>
  taken: Recorded[]
}

/**
 * A Kysely on the core's own better-sqlite3 handle that notes every statement run through
 * it, so the bench can replay exactly what a service ran, raw. Never destroyed: that would
 * close the core's handle.
 */
export function recordingDb(core: PlinthCore): Recorder {
  const taken: Recorded[] = []
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: core.sqlite }),
    log: (event) => {
      if (event.level === 'query') {
        taken.push({ sql: event.query.sql, parameters: event.query.parameters })
      }
    },
  })
  return { db, taken }
}

/** The statements one call of a service made (run for real, once, outside any timing). */
export async function statementsOf(
  recorder: Recorder,
  work: (db: Kysely<DB>) => Promise<unknown>,
): Promise<Recorded[]> {
  recorder.taken.length = 0
  await work(recorder.db)
  return [...recorder.taken]
}

/**
 * The raw floor of a read: the recorded statements, prepared once, run in one transaction
 * as the router runs every command.
 */
export function rawStatements(core: PlinthCore): (statements: Recorded[]) => void {
  const cache = new Map<string, Database.Statement>()
  const prepared = (sql: string) => {
    let s = cache.get(sql)
    if (!s) {
      s = core.sqlite.prepare(sql)
      cache.set(sql, s)
    }
    return s
  }
  return (statements) =>
    core.sqlite.transaction(() => {
      for (const { sql, parameters } of statements) {
        const s = prepared(sql)
        if (s.reader) s.all(...(parameters as unknown[]))
        else s.run(...(parameters as unknown[]))
      }
    })()
}

/**
 * The raw floor of a checkout: the rows any checkout must write (the invoice, its line, its
 * number, two ledger entries with the balances their triggers keep, two audit rows), by
 * hand-prepared statements in one transaction with its commit (synchronous=FULL, as the app).
 */
export function rawCheckout(
  core: PlinthCore,
  methods: { cash: number; card: number },
): (appointmentId: number) => void {
  const db = core.sqlite
  const appointment = db.prepare('SELECT client_id, service_id FROM appointments WHERE id = ?')
  const top = db.prepare('SELECT max(number_seq) AS top FROM invoices WHERE number_seq IS NOT NULL')
  const invoice = db.prepare(
    `INSERT INTO invoices (client_id, status, client_name, bill_to, bill_to_name, net_pence,
       vat_pence, gross_pence, created_at, updated_at)
     VALUES (?, 'draft', '', 'client', '', 5500, 0, 5500, ?, ?) RETURNING id`,
  )
  const line = db.prepare(
    `INSERT INTO invoice_lines (invoice_id, position, kind, service_id, appointment_id,
       description, quantity, unit_pence, vat_rate, vat_bp, net_pence, vat_pence, gross_pence)
     VALUES (?, 1, 'service', ?, ?, 'Bench massage', 1, 5500, 'standard', 0, 5500, 0, 5500)`,
  )
  const issue = db.prepare(
    `UPDATE invoices SET status = 'issued', number_seq = ?, number = ?, issued_at = ?,
       issued_by = 0, issued_by_name = 'Bench', tax_point = ?, client_name = 'Bench client',
       bill_to_name = 'Bench client', updated_at = ? WHERE id = ?`,
  )
  const entry = db.prepare(
    `INSERT INTO ledger_entries (client_id, at, by_user_id, by_name, kind, method_id,
       invoice_id, amount_pence, batch)
     VALUES (?, ?, 0, 'Bench', 'payment', ?, ?, ?, ?)`,
  )
  const audit = db.prepare(
    `INSERT INTO audit_log (at, user_id, username, action, entity_type, entity_id, summary,
       workstation) VALUES (?, 0, 'bench', ?, 'client', ?, ?, '')`,
  )
  return (appointmentId) =>
    db.transaction(() => {
      const at = new Date().toISOString()
      const a = appointment.get(appointmentId) as { client_id: number; service_id: number }
      const seq = ((top.get() as { top: number }).top ?? 0) + 1
      const id = (invoice.get(a.client_id, at, at) as { id: number }).id
      line.run(id, a.service_id, appointmentId)
      issue.run(seq, `INV-${String(seq).padStart(6, '0')}`, at, at.slice(0, 10), at, id)
      entry.run(a.client_id, at, methods.cash, id, 2000, `raw-${id}`)
      entry.run(a.client_id, at, methods.card, id, 3500, `raw-${id}`)
      audit.run(at, 'invoices.issue', String(a.client_id), `Issued INV-${seq}`)
      audit.run(at, 'payments.take', String(a.client_id), 'Took £55.00')
    })()
}
