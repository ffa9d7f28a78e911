import { sql, type Kysely } from 'kysely'

/**
 * Packages, or courses (issue 13): "5 × Sports massage 60 min, £250, valid 6 months".
 *
 * - package_types: what the owner sells, with the services a session may be used for
 *   (package_type_services). Types change freely; a sold package keeps its own copy.
 * - client_packages: one sold to a client on an invoice (a 'package' line), with copies of
 *   the name, session count, price and eligible services (client_package_services) as sold,
 *   and the clinic-local last day it can be used. Never changed or deleted.
 * - package_sessions: an append-only ledger of sessions, never changed or deleted. A use is
 *   -1 for one appointment; a reversal (+1) undoes one use; a refund takes the unused rest
 *   away (with the credit note that gave the money back). Sessions left are derived:
 *   sessions sold + the sum of these rows.
 *
 * The database itself refuses a row that would overdraw a package (or give back more than
 * was used), a second standing use for one appointment, a reversal of anything but a use of
 * the same package, and any use or reversal after a refund. As for the ledger (0800), rows
 * move only along a client merge. SQLite-only trigger syntax; a Postgres port would use
 * plpgsql triggers.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('package_types')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sessions', 'integer', (c) => c.notNull().check(sql`sessions BETWEEN 1 AND 100`))
    .addColumn('price_pence', 'integer', (c) => c.notNull().check(sql`price_pence > 0`))
    .addColumn('valid_months', 'integer', (c) =>
      c.notNull().check(sql`valid_months BETWEEN 1 AND 60`),
    )
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('package_type_services')
    .addColumn('package_type_id', 'integer', (c) => c.notNull().references('package_types.id'))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    /** 0 is the service whose VAT rate the sale carries. */
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('package_type_services_pk', ['package_type_id', 'service_id'])
    .execute()

  await db.schema
    .createTable('client_packages')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('package_type_id', 'integer', (c) => c.notNull().references('package_types.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sessions', 'integer', (c) => c.notNull().check(sql`sessions >= 1`))
    .addColumn('price_pence', 'integer', (c) => c.notNull().check(sql`price_pence > 0`))
    .addColumn('invoice_id', 'integer', (c) => c.notNull().references('invoices.id'))
    .addColumn('sold_at', 'text', (c) => c.notNull())
    /** Clinic-local date (YYYY-MM-DD), the last day a session can be used. */
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('sold_by', 'integer')
    .addColumn('sold_by_name', 'text')
    .execute()
  await db.schema
    .createIndex('client_packages_by_client')
    .on('client_packages')
    .column('client_id')
    .execute()
  await db.schema
    .createIndex('client_packages_by_invoice')
    .on('client_packages')
    .column('invoice_id')
    .execute()
  // With an id of its own, as every table hanging off a client's rows: a merge's undo check
  // (merge-work-check.ts) finds such rows by id.
  await db.schema
    .createTable('client_package_services')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('package_id', 'integer', (c) => c.notNull().references('client_packages.id'))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addUniqueConstraint('client_package_services_once', ['package_id', 'service_id'])
    .execute()

  await db.schema
    .createTable('package_sessions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('package_id', 'integer', (c) => c.notNull().references('client_packages.id'))
    /** The package's client, kept here too so a merge, export or erasure finds the row. */
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('use', 'reversal', 'refund')`))
    /** -1 for a use, +1 for a reversal, minus the unused sessions for a refund. */
    .addColumn('sessions', 'integer', (c) => c.notNull())
    .addColumn('appointment_id', 'integer', (c) => c.references('appointments.id'))
    .addColumn('reverses_id', 'integer', (c) => c.references('package_sessions.id').unique())
    .addColumn('credit_note_id', 'integer', (c) => c.references('credit_notes.id'))
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_user_id', 'integer')
    .addColumn('by_name', 'text')
    .addCheckConstraint(
      'package_sessions_shape',
      sql`(kind = 'use' AND sessions = -1 AND appointment_id IS NOT NULL AND reverses_id IS NULL)
          OR (kind = 'reversal' AND sessions = 1 AND reverses_id IS NOT NULL)
          OR (kind = 'refund' AND sessions < 0 AND credit_note_id IS NOT NULL
              AND appointment_id IS NULL AND reverses_id IS NULL)`,
    )
    .execute()
  await db.schema
    .createIndex('package_sessions_by_package')
    .on('package_sessions')
    .column('package_id')
    .execute()
  await sql`CREATE INDEX package_sessions_by_appointment ON package_sessions (appointment_id)
            WHERE appointment_id IS NOT NULL`.execute(db)
  await db.schema
    .createIndex('package_sessions_by_client')
    .on('package_sessions')
    .column('client_id')
    .execute()

  await sessionRules(db)
  await immutability(db)
}

async function sessionRules(db: Kysely<any>): Promise<void> {
  const left = `(SELECT p.sessions + coalesce((SELECT sum(s.sessions) FROM package_sessions s
                  WHERE s.package_id = p.id), 0) FROM client_packages p WHERE p.id = NEW.package_id)`
  const rules: [string, string][] = [
    [
      `NEW.client_id IS NOT (SELECT client_id FROM client_packages WHERE id = NEW.package_id)`,
      "a package session must be the package's client's",
    ],
    [`${left} + NEW.sessions < 0`, 'a package cannot be used beyond its sessions'],
    [
      `${left} + NEW.sessions > (SELECT sessions FROM client_packages WHERE id = NEW.package_id)`,
      'a package cannot hold more sessions than were sold',
    ],
    [
      `NEW.kind = 'reversal' AND NOT EXISTS (SELECT 1 FROM package_sessions u
         WHERE u.id = NEW.reverses_id AND u.kind = 'use' AND u.package_id = NEW.package_id
           AND u.appointment_id IS NEW.appointment_id)`,
      'only a use of this package can be reversed',
    ],
    [
      `NEW.kind IN ('use', 'reversal') AND EXISTS (SELECT 1 FROM package_sessions r
         WHERE r.package_id = NEW.package_id AND r.kind = 'refund')`,
      'a refunded package cannot be used',
    ],
    [
      `NEW.kind = 'use' AND EXISTS (SELECT 1 FROM package_sessions u
         WHERE u.appointment_id = NEW.appointment_id AND u.kind = 'use'
           AND NOT EXISTS (SELECT 1 FROM package_sessions r WHERE r.reverses_id = u.id))`,
      'this appointment is already paid from a package',
    ],
  ]
  let n = 0
  for (const [when, message] of rules) {
    n += 1
    await sql
      .raw(
        `CREATE TRIGGER package_sessions_rule_${n} BEFORE INSERT ON package_sessions
         WHEN ${when}
         BEGIN SELECT RAISE(ABORT, '${message.replace(/'/g, "''")}'); END`,
      )
      .execute(db)
  }
}

/** A merge moves a row between a record and the one merged into it (either direction). */
const mergeMove = `NEW.client_id IS NOT OLD.client_id AND (
  (SELECT merged_into_id FROM clients WHERE id = OLD.client_id) IS NEW.client_id
  OR (SELECT merged_into_id FROM clients WHERE id = NEW.client_id) IS OLD.client_id)`

const unchanged = (columns: string[]) => columns.map((c) => `NEW.${c} IS OLD.${c}`).join(' AND ')

async function immutability(db: Kysely<any>): Promise<void> {
  const tables: [string, string, string[]][] = [
    [
      'client_packages',
      'a sold package',
      [
        'id',
        'package_type_id',
        'name',
        'sessions',
        'price_pence',
        'invoice_id',
        'sold_at',
        'expires_on',
        'sold_by',
        'sold_by_name',
      ],
    ],
    [
      'package_sessions',
      'a package session',
      [
        'id',
        'package_id',
        'kind',
        'sessions',
        'appointment_id',
        'reverses_id',
        'credit_note_id',
        'reason',
        'at',
        'by_user_id',
        'by_name',
      ],
    ],
  ]
  for (const [table, label, columns] of tables) {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
         WHEN NOT (${unchanged(columns)} AND ${mergeMove})
         BEGIN SELECT RAISE(ABORT, '${label} cannot be changed; add a correcting entry'); END`,
      )
      .execute(db)
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
         BEGIN SELECT RAISE(ABORT, '${label} cannot be deleted'); END`,
      )
      .execute(db)
  }
  await sql`CREATE TRIGGER client_package_services_no_change BEFORE UPDATE ON client_package_services
            BEGIN SELECT RAISE(ABORT, 'a sold package cannot be changed'); END`.execute(db)
  await sql`CREATE TRIGGER client_package_services_no_delete BEFORE DELETE ON client_package_services
            BEGIN SELECT RAISE(ABORT, 'a sold package cannot be changed'); END`.execute(db)
}
