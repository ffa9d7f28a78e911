import { sql, type Kysely } from 'kysely'

/**
 * Anonymising a client may empty the words typed on their money rows: a payment's or
 * refund's reference and reason, a credit note's reason, a package session's reason (a
 * user trial found "Eleanor rang: sciatica…"-style text kept after anonymising; a refund
 * reason can hold the same). Amounts, dates, numbers and links stay, as HMRC expects.
 *
 * Each table's no-update trigger is remade from its columns as they are when this runs (as
 * 0880 did): every column but client_id unchanged, client_id moving only along a merge, as
 * before; or, new, only these text columns set to '' while the row's client is anonymised.
 * Messages are the same as before. Frozen: imports nothing from the app; SQLite-only syntax.
 */
const ERASABLE: [table: string, label: string, columns: string[]][] = [
  ['ledger_entries', 'a ledger entry', ['reference', 'reason']],
  ['credit_notes', 'a credit note', ['reason']],
  ['package_sessions', 'a package session', ['reason']],
]

const mergeMove = `NEW.client_id IS NOT OLD.client_id AND (
  (SELECT merged_into_id FROM clients WHERE id = OLD.client_id) IS NEW.client_id
  OR (SELECT merged_into_id FROM clients WHERE id = NEW.client_id) IS OLD.client_id)`

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, label, erasable] of ERASABLE) {
    const { rows } = await sql<{ name: string }>`
      SELECT name FROM pragma_table_info(${table}) ORDER BY cid`.execute(db)
    const same = (columns: string[]) => columns.map((c) => `NEW.${c} IS OLD.${c}`).join(' AND ')
    const all = rows.map((r) => r.name).filter((c) => c !== 'client_id')
    const kept = all.filter((c) => !erasable.includes(c))
    const erased = erasable.map((c) => `NEW.${c} = ''`).join(' AND ')
    await sql.raw(`DROP TRIGGER IF EXISTS ${table}_no_update`).execute(db)
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
         WHEN NOT (
           (${same(all)} AND ${mergeMove})
           OR
           (${same([...kept, 'client_id'])} AND ${erased}
             AND (SELECT anonymised_at FROM clients WHERE id = OLD.client_id) IS NOT NULL)
         )
         BEGIN SELECT RAISE(ABORT, '${label} cannot be changed; add a correcting entry'); END`,
      )
      .execute(db)
  }
}
