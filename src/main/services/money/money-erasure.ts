import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'

/**
 * Anonymising a client keeps their invoices' amounts, dates and numbers (HMRC expects
 * records kept six years) but removes who they were: the name and address copied onto
 * issued invoices, and the third party's reference (a membership number identifies them).
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
