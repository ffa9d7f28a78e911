import { sql, type Kysely } from 'kysely'

/**
 * Indexes for the money screens at scale (issue 13 budgets, 200,000 invoices; plans read
 * with EXPLAIN QUERY PLAN):
 * - a client's invoices newest first, drafts apart: (client_id, status, issued_at) replaces
 *   (client_id, created_at), which made SQLite sort all of a client's invoices per call;
 * - a client's ledger newest first: (client_id, id) replaces (client_id, invoice_id), whose
 *   only reader summed the client's credit (now kept in client_balances, migration 0870);
 * - gift_vouchers.invoice_id had no index, so discarding any draft invoice scanned every
 *   voucher to check the foreign key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS invoices_by_client`.execute(db)
  await sql`CREATE INDEX invoices_by_client_issue ON invoices (client_id, status, issued_at)`.execute(
    db,
  )
  await sql`DROP INDEX IF EXISTS ledger_by_client`.execute(db)
  await sql`CREATE INDEX ledger_by_client_recent ON ledger_entries (client_id, id)`.execute(db)
  await sql`CREATE INDEX gift_vouchers_by_invoice ON gift_vouchers (invoice_id)`.execute(db)
}
