import type { Kysely } from 'kysely'

/**
 * Reports (issue 14) over a year of money at 200,000 invoices (tests/bench/reports.bench.ts):
 * - the VAT summary finds invoices by tax point: without an index it read every invoice
 *   (540 ms);
 * - takings and commission split each payment over its invoice's lines: a covering index on
 *   the lines answers that from the index alone, not the (wide) line rows with descriptions;
 * - takings read a year of ledger entries by time: covering, so the entries' rows are not
 *   read one by one either.
 * Each covering index starts with the columns of the one it replaces (invoice_lines_by_invoice,
 * ledger_by_time), which are dropped: every search they served the new ones serve, and the
 * planner, left a choice, kept taking the narrower one and reading rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('invoices_by_tax_point')
    .on('invoices')
    .columns(['status', 'tax_point'])
    .execute()
  await db.schema
    .createIndex('invoice_lines_for_reports')
    .on('invoice_lines')
    .columns([
      'invoice_id',
      'position',
      'gross_pence',
      'kind',
      'service_id',
      'appointment_id',
      'net_pence',
      'vat_pence',
      'vat_rate',
      'vat_bp',
    ])
    .execute()
  await db.schema.dropIndex('invoice_lines_by_invoice').execute()
  await db.schema
    .createIndex('ledger_for_reports')
    .on('ledger_entries')
    .columns(['at', 'kind', 'method_id', 'amount_pence', 'client_id', 'invoice_id'])
    .execute()
  await db.schema.dropIndex('ledger_by_time').execute()
}
