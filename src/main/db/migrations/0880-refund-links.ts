import { sql, type Kysely } from 'kysely'

/**
 * A refund names the payment it gives back (issue 13: "Refund…" from an invoice's payment
 * rows), so a payment is never refunded beyond what it brought in, and the screen can say
 * what is left to refund on each.
 *
 * The ledger's no-update trigger is remade to keep the new column fixed too. It is built from
 * the table's columns as they are when this runs (every one but client_id stays unchanged;
 * client_id moves only along a merge), so a column another migration added before this one
 * stays protected. SQLite-only trigger syntax.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE ledger_entries ADD COLUMN refund_of_id INTEGER
            REFERENCES ledger_entries(id)`.execute(db)
  await sql`CREATE INDEX ledger_by_refund_of ON ledger_entries (refund_of_id)
            WHERE refund_of_id IS NOT NULL`.execute(db)

  const { rows } = await sql<{ name: string }>`
    SELECT name FROM pragma_table_info('ledger_entries') ORDER BY cid`.execute(db)
  const unchanged = rows
    .map((r) => r.name)
    .filter((c) => c !== 'client_id')
    .map((c) => `NEW.${c} IS OLD.${c}`)
    .join(' AND ')
  const mergeMove = `NEW.client_id IS NOT OLD.client_id AND (
    (SELECT merged_into_id FROM clients WHERE id = OLD.client_id) IS NEW.client_id
    OR (SELECT merged_into_id FROM clients WHERE id = NEW.client_id) IS OLD.client_id)`
  await sql`DROP TRIGGER IF EXISTS ledger_entries_no_update`.execute(db)
  await sql
    .raw(
      `CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
       WHEN NOT (${unchanged} AND ${mergeMove})
       BEGIN SELECT RAISE(ABORT, 'a ledger entry cannot be changed; add a correcting entry'); END`,
    )
    .execute(db)
}
