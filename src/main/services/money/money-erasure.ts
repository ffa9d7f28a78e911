import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'

/**
 * Anonymising a client keeps their invoices' amounts, dates and numbers (HMRC expects
 * records kept six years) but removes who they were: the name and address copied onto
 * issued invoices, the third party's reference (a membership number identifies them), and
 * the references and reasons typed on their payments, refunds, credit notes and package
 * sessions. Issued invoices' line descriptions stay: they are the invoice's required
 * description of what was supplied.
 * Drafts, never issued, go altogether. Call only once the client is marked anonymised:
 * the database allows the erasure from then on (migration 0800).
 */
export async function eraseClientMoneyIdentity(db: Kysely<DB>, clientId: number): Promise<void> {
  const drafts = db
    .selectFrom('invoices')
    .select('id')
    .where('client_id', '=', clientId)
    .where('status', '=', 'draft')
  await db.deleteFrom('invoice_lines').where('invoice_id', 'in', drafts).execute()
  await db
    .deleteFrom('invoices')
    .where('client_id', '=', clientId)
    .where('status', '=', 'draft')
    .execute()
  await db
    .updateTable('invoices')
    .set({ client_name: '', bill_to_name: '', bill_to_address: '', bill_to_reference: '' })
    .where('client_id', '=', clientId)
    .execute()
  // The words typed on payments, refunds, credit notes and package sessions: a refund's
  // reason can quote the client's health. The database allows only these emptied (1320).
  await db
    .updateTable('ledger_entries')
    .set({ reference: '', reason: '' })
    .where('client_id', '=', clientId)
    .where((eb) => eb.or([eb('reference', '!=', ''), eb('reason', '!=', '')]))
    .execute()
  for (const table of ['credit_notes', 'package_sessions'] as const) {
    await db
      .updateTable(table)
      .set({ reason: '' })
      .where('client_id', '=', clientId)
      .where('reason', '!=', '')
      .execute()
  }
}

/** Whether a client has money history, which makes their record one to anonymise, not delete. */
export async function hasMoneyHistory(db: Kysely<DB>, clientId: number): Promise<boolean> {
  const row = await db
    .selectFrom('invoices')
    .select('id')
    .where('client_id', '=', clientId)
    .where('status', '=', 'issued')
    .unionAll(db.selectFrom('ledger_entries').select('id').where('client_id', '=', clientId))
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}
