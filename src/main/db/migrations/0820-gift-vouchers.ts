import { sql, type Kysely } from 'kysely'

/**
 * Gift vouchers (issue 13). A voucher is sold on an invoice (a 'voucher' line, outside the
 * scope of VAT: a multi-purpose voucher's VAT is due when it is redeemed) and redeemed in
 * part or whole by ledger entries of the gift-voucher method that name it. Its balance is
 * derived (value - redemptions), never stored. Vouchers are never changed or deleted, except
 * that a merge moves the buyer between a record and the one merged into it.
 * SQLite-only trigger syntax; a Postgres port would use plpgsql triggers.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE money_settings ADD COLUMN voucher_months INTEGER NOT NULL DEFAULT 12
            CHECK (voucher_months BETWEEN 1 AND 120)`.execute(db)

  await db.schema
    .createTable('gift_vouchers')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    /** Printed on the voucher: 'GV-' and 8 letters and digits without look-alikes. */
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('recipient_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('value_pence', 'integer', (c) => c.notNull().check(sql`value_pence > 0`))
    .addColumn('invoice_id', 'integer', (c) => c.notNull().references('invoices.id'))
    /** Clinic-local date, last day it can be used. */
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('gift_vouchers_by_client')
    .on('gift_vouchers')
    .column('client_id')
    .execute()

  await sql`ALTER TABLE ledger_entries ADD COLUMN voucher_id INTEGER REFERENCES gift_vouchers(id)`.execute(
    db,
  )
  await sql`CREATE INDEX ledger_by_voucher ON ledger_entries (voucher_id)
            WHERE voucher_id IS NOT NULL`.execute(db)

  const mergeMove = `NEW.client_id IS NOT OLD.client_id AND (
    (SELECT merged_into_id FROM clients WHERE id = OLD.client_id) IS NEW.client_id
    OR (SELECT merged_into_id FROM clients WHERE id = NEW.client_id) IS OLD.client_id)`
  const unchanged = (columns: string[]) => columns.map((c) => `NEW.${c} IS OLD.${c}`).join(' AND ')

  // The ledger's trigger (0800) must now also keep voucher_id as it was.
  await sql`DROP TRIGGER IF EXISTS ledger_entries_no_update`.execute(db)
  const ledgerColumns = [
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
    'voucher_id',
  ]
  await sql
    .raw(
      `CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
       WHEN NOT (${unchanged(ledgerColumns)} AND ${mergeMove})
       BEGIN SELECT RAISE(ABORT, 'a ledger entry cannot be changed; add a correcting entry'); END`,
    )
    .execute(db)

  const voucherColumns = [
    'id',
    'code',
    'recipient_name',
    'value_pence',
    'invoice_id',
    'expires_on',
    'created_at',
  ]
  await sql
    .raw(
      `CREATE TRIGGER gift_vouchers_no_update BEFORE UPDATE ON gift_vouchers
       WHEN NOT (${unchanged(voucherColumns)} AND ${mergeMove})
       BEGIN SELECT RAISE(ABORT, 'a gift voucher cannot be changed'); END`,
    )
    .execute(db)
  await sql`CREATE TRIGGER gift_vouchers_no_delete BEFORE DELETE ON gift_vouchers
            BEGIN SELECT RAISE(ABORT, 'a gift voucher cannot be deleted'); END`.execute(db)
}
