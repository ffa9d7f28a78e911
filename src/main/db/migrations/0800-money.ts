import { sql, type Kysely } from 'kysely'

/**
 * Money (issue 13): invoices and their lines, numbered credit notes, payment methods and an
 * append-only ledger of money movements. Balances (what a client owes, their account credit,
 * what an invoice still has due) are never stored: services derive them from the ledger.
 *
 * The database itself refuses to change an issued invoice, a credit note or a ledger entry
 * (triggers below), as it does for signed notes (0300, 0600), with the same two exceptions:
 * a merge of client records moves rows between a record and the one merged into it, and
 * anonymising a client empties the identity copied onto their invoices (amounts and dates
 * stay, as HMRC expects records kept for six years).
 * SQLite-only trigger syntax; a Postgres port would use plpgsql triggers.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('money_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('invoice_prefix', 'text', (c) => c.notNull().defaultTo('INV-'))
    .addColumn('credit_note_prefix', 'text', (c) => c.notNull().defaultTo('CN-'))
    /** Digits in a number after the prefix: 6 gives INV-000123. */
    .addColumn('number_digits', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(6)
        .check(sql`number_digits BETWEEN 1 AND 12`),
    )
    /** The first number used when no invoice is issued yet (a clinic moving from another system). */
    .addColumn('first_invoice_number', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`first_invoice_number >= 1`),
    )
    .addColumn('vat_registered', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('vat_number', 'text', (c) => c.notNull().defaultTo(''))
    /** Basis points: 2000 = 20 %. */
    .addColumn('standard_rate_bp', 'integer', (c) => c.notNull().defaultTo(2000))
    .addColumn('reduced_rate_bp', 'integer', (c) => c.notNull().defaultTo(500))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await sql`INSERT INTO money_settings (id, updated_at) VALUES (1, ${new Date().toISOString()})`.execute(
    db,
  )

  // Each service carries a VAT rate; only used once the clinic is VAT registered.
  await sql`ALTER TABLE services ADD COLUMN vat_rate TEXT NOT NULL DEFAULT 'standard'
            CHECK (vat_rate IN ('standard', 'reduced', 'zero', 'exempt'))`.execute(db)

  await db.schema
    .createTable('products')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('price_pence', 'integer', (c) => c.notNull().check(sql`price_pence >= 0`))
    .addColumn('vat_rate', 'text', (c) =>
      c
        .notNull()
        .defaultTo('standard')
        .check(sql`vat_rate IN ('standard', 'reduced', 'zero', 'exempt')`),
    )
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('payment_methods')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind IN ('card', 'cash', 'bank_transfer', 'gift_voucher', 'account_credit', 'package', 'other')`,
        ),
    )
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  // The one account-credit method is what moves money between a client's credit and invoices.
  await sql`CREATE UNIQUE INDEX payment_methods_one_credit ON payment_methods (kind)
            WHERE kind = 'account_credit'`.execute(db)
  const methods: [string, string][] = [
    ['Card', 'card'],
    ['Cash', 'cash'],
    ['Bank transfer', 'bank_transfer'],
    ['Gift voucher', 'gift_voucher'],
    ['Account credit', 'account_credit'],
    ['Package', 'package'],
    ['Other', 'other'],
  ]
  let order = 0
  for (const [name, kind] of methods) {
    order += 1
    await sql`INSERT INTO payment_methods (name, kind, sort_order) VALUES (${name}, ${kind}, ${order})`.execute(
      db,
    )
  }

  await db.schema
    .createTable('invoices')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    /** The client who was treated (named on the PDF even when a third party pays). */
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('draft', 'issued')`))
    .addColumn('number_seq', 'integer')
    .addColumn('number', 'text')
    .addColumn('issued_at', 'text')
    .addColumn('issued_by', 'integer')
    .addColumn('issued_by_name', 'text')
    /** The tax point: the local date of issue (YYYY-MM-DD, clinic time zone). */
    .addColumn('tax_point', 'text')
    /** The treated client's name as it was at issue. */
    .addColumn('client_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('bill_to', 'text', (c) =>
      c
        .notNull()
        .defaultTo('client')
        .check(sql`bill_to IN ('client', 'third_party')`),
    )
    .addColumn('bill_to_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('bill_to_address', 'text', (c) => c.notNull().defaultTo(''))
    /** Membership number, authorisation code, purchase order. */
    .addColumn('bill_to_reference', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('vat_registered', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('vat_number', 'text', (c) => c.notNull().defaultTo(''))
    /** Totals of the lines, fixed with them at issue (an issued invoice never changes). */
    .addColumn('net_pence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('vat_pence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('gross_pence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'invoices_number_only_when_issued',
      sql`(status = 'draft' AND number IS NULL AND number_seq IS NULL AND issued_at IS NULL)
          OR (status = 'issued' AND number IS NOT NULL AND number_seq IS NOT NULL AND issued_at IS NOT NULL)`,
    )
    .execute()
  await sql`CREATE UNIQUE INDEX invoices_number_seq ON invoices (number_seq)
            WHERE number_seq IS NOT NULL`.execute(db)
  await db.schema
    .createIndex('invoices_by_client')
    .on('invoices')
    .columns(['client_id', 'created_at'])
    .execute()
  await db.schema
    .createIndex('invoices_by_issue')
    .on('invoices')
    .columns(['status', 'issued_at'])
    .execute()

  await db.schema
    .createTable('invoice_lines')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('invoice_id', 'integer', (c) => c.notNull().references('invoices.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind IN ('service', 'product', 'text', 'package', 'voucher')`),
    )
    .addColumn('service_id', 'integer', (c) => c.references('services.id'))
    .addColumn('product_id', 'integer', (c) => c.references('products.id'))
    .addColumn('appointment_id', 'integer', (c) => c.references('appointments.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity >= 1`))
    .addColumn('unit_pence', 'integer', (c) => c.notNull().check(sql`unit_pence >= 0`))
    .addColumn('vat_rate', 'text', (c) =>
      c.notNull().check(sql`vat_rate IN ('standard', 'reduced', 'zero', 'exempt', 'none')`),
    )
    .addColumn('vat_bp', 'integer', (c) => c.notNull())
    .addColumn('net_pence', 'integer', (c) => c.notNull())
    .addColumn('vat_pence', 'integer', (c) => c.notNull())
    .addColumn('gross_pence', 'integer', (c) => c.notNull())
    .addCheckConstraint('invoice_lines_add_up', sql`net_pence + vat_pence = gross_pence`)
    .execute()
  await db.schema
    .createIndex('invoice_lines_by_invoice')
    .on('invoice_lines')
    .columns(['invoice_id', 'position'])
    .execute()
  await sql`CREATE INDEX invoice_lines_by_appointment ON invoice_lines (appointment_id)
            WHERE appointment_id IS NOT NULL`.execute(db)

  await db.schema
    .createTable('credit_notes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('invoice_id', 'integer', (c) => c.notNull().references('invoices.id'))
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('number_seq', 'integer', (c) => c.notNull().unique())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'integer')
    .addColumn('issued_by_name', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('net_pence', 'integer', (c) => c.notNull())
    .addColumn('vat_pence', 'integer', (c) => c.notNull())
    .addColumn('gross_pence', 'integer', (c) => c.notNull().check(sql`gross_pence > 0`))
    .addCheckConstraint('credit_notes_add_up', sql`net_pence + vat_pence = gross_pence`)
    .execute()
  await db.schema
    .createIndex('credit_notes_by_invoice')
    .on('credit_notes')
    .column('invoice_id')
    .execute()
  await db.schema
    .createIndex('credit_notes_by_client')
    .on('credit_notes')
    .column('client_id')
    .execute()

  // One row per movement of money, never updated or deleted: a mistake is corrected by a
  // reversing entry. amount_pence moves money from the method to the invoice (or, with no
  // invoice, to the client's account credit); negative moves it back (a refund). The
  // account-credit method moves money between the client's credit and an invoice.
  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_user_id', 'integer')
    .addColumn('by_name', 'text')
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind IN ('payment', 'refund', 'transfer', 'reversal')`),
    )
    .addColumn('method_id', 'integer', (c) => c.notNull().references('payment_methods.id'))
    .addColumn('invoice_id', 'integer', (c) => c.references('invoices.id'))
    .addColumn('amount_pence', 'integer', (c) => c.notNull().check(sql`amount_pence <> 0`))
    /** The terminal's receipt number, a bank reference. */
    .addColumn('reference', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reverses_id', 'integer', (c) => c.references('ledger_entries.id').unique())
    /** Entries made by one command (a split payment) share a batch: one receipt. */
    .addColumn('batch', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('ledger_by_client')
    .on('ledger_entries')
    .columns(['client_id', 'invoice_id'])
    .execute()
  await sql`CREATE INDEX ledger_by_invoice ON ledger_entries (invoice_id)
            WHERE invoice_id IS NOT NULL`.execute(db)
  await db.schema.createIndex('ledger_by_time').on('ledger_entries').column('at').execute()

  await immutabilityTriggers(db)
}

/** A merge moves a row between a record and the one merged into it (either direction). */
const mergeMove = `NEW.client_id IS NOT OLD.client_id AND (
  (SELECT merged_into_id FROM clients WHERE id = OLD.client_id) IS NEW.client_id
  OR (SELECT merged_into_id FROM clients WHERE id = NEW.client_id) IS OLD.client_id)`

const unchanged = (columns: string[]) => columns.map((c) => `NEW.${c} IS OLD.${c}`).join(' AND ')

const INVOICE_COLUMNS = [
  'id',
  'status',
  'number_seq',
  'number',
  'issued_at',
  'issued_by',
  'issued_by_name',
  'tax_point',
  'bill_to',
  'vat_registered',
  'vat_number',
  'net_pence',
  'vat_pence',
  'gross_pence',
  'created_at',
  'created_by',
  'updated_at',
]
const INVOICE_IDENTITY = ['client_name', 'bill_to_name', 'bill_to_address', 'bill_to_reference']

async function immutabilityTriggers(db: Kysely<any>): Promise<void> {
  const erased = INVOICE_IDENTITY.map((c) => `NEW.${c} = ''`).join(' AND ')
  await sql
    .raw(
      `CREATE TRIGGER invoices_issued_no_update BEFORE UPDATE ON invoices
       WHEN OLD.status = 'issued' AND NOT (
         (${unchanged([...INVOICE_COLUMNS, ...INVOICE_IDENTITY])} AND ${mergeMove})
         OR
         (${unchanged([...INVOICE_COLUMNS, 'client_id'])} AND ${erased}
           AND (SELECT anonymised_at FROM clients WHERE id = OLD.client_id) IS NOT NULL)
       )
       BEGIN SELECT RAISE(ABORT, 'an issued invoice cannot be changed; issue a credit note'); END`,
    )
    .execute(db)
  await sql`CREATE TRIGGER invoices_issued_no_delete BEFORE DELETE ON invoices
            WHEN OLD.status = 'issued'
            BEGIN SELECT RAISE(ABORT, 'an issued invoice cannot be deleted'); END`.execute(db)

  const issued = (ref: string) => `(SELECT status FROM invoices WHERE id = ${ref}) = 'issued'`
  await sql
    .raw(
      `CREATE TRIGGER invoice_lines_issued_no_insert BEFORE INSERT ON invoice_lines
       WHEN ${issued('NEW.invoice_id')}
       BEGIN SELECT RAISE(ABORT, 'an issued invoice cannot be changed; issue a credit note'); END`,
    )
    .execute(db)
  await sql
    .raw(
      `CREATE TRIGGER invoice_lines_issued_no_update BEFORE UPDATE ON invoice_lines
       WHEN ${issued('OLD.invoice_id')} OR ${issued('NEW.invoice_id')}
       BEGIN SELECT RAISE(ABORT, 'an issued invoice cannot be changed; issue a credit note'); END`,
    )
    .execute(db)
  await sql
    .raw(
      `CREATE TRIGGER invoice_lines_issued_no_delete BEFORE DELETE ON invoice_lines
       WHEN ${issued('OLD.invoice_id')}
       BEGIN SELECT RAISE(ABORT, 'an issued invoice cannot be changed; issue a credit note'); END`,
    )
    .execute(db)

  for (const [table, label, columns] of [
    [
      'credit_notes',
      'a credit note',
      [
        'id',
        'invoice_id',
        'number_seq',
        'number',
        'issued_at',
        'issued_by',
        'issued_by_name',
        'reason',
        'net_pence',
        'vat_pence',
        'gross_pence',
      ],
    ],
    [
      'ledger_entries',
      'a ledger entry',
      [
        'id',
        'at',
        'by_user_id',
        'by_name',
        'kind',
        'method_id',
        'invoice_id',
        'amount_pence',
        'reference',
        'reason',
        'reverses_id',
        'batch',
      ],
    ],
  ] as const) {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
         WHEN NOT (${unchanged([...columns])} AND ${mergeMove})
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
}
