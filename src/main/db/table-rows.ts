import { sql, type Kysely } from 'kysely'
import type { DB } from './schema'

// Statements over tables named at run time, for the client merge and its undo: they follow
// the schema's own foreign keys, so a table added later that refers to a client (or to a
// moved row) is covered without anyone listing it. Table and column names come from the
// schema or from a fixed list in code, never from input; sql.table/sql.ref quote them.

/** Every (table, column) with a foreign key to `table`, read from the schema itself. */
export async function foreignKeysTo(
  db: Kysely<DB>,
  table: string,
): Promise<{ table: string; column: string }[]> {
  const refs = await sql<{ tbl: string; col: string }>`
    SELECT m.name AS tbl, f."from" AS col
    FROM sqlite_master AS m, pragma_foreign_key_list(m.name) AS f
    WHERE m.type = 'table' AND f."table" = ${table}
    ORDER BY m.name, f."from"`.execute(db)
  return refs.rows.map((r) => ({ table: r.tbl, column: r.col }))
}

/** The table `table.column`'s foreign key points at, or null when it has none. */
export async function foreignKeyTarget(
  db: Kysely<DB>,
  table: string,
  column: string,
): Promise<string | null> {
  const r = await sql<{ target: string }>`
    SELECT "table" AS target FROM pragma_foreign_key_list(${table}) WHERE "from" = ${column}`.execute(
    db,
  )
  return r.rows[0]?.target ?? null
}

/** Whole rows of `table` by id (every column, as stored). */
export async function rowsById(
  db: Kysely<DB>,
  table: string,
  ids: number[],
): Promise<(Record<string, unknown> & { id: number })[]> {
  if (ids.length === 0) return []
  const rows = await sql<Record<string, unknown> & { id: number }>`
    SELECT * FROM ${sql.table(table)} WHERE id IN (${sql.join(ids)})`.execute(db)
  return rows.rows
}

/** Ids of the rows whose `column` is one of `values`, in id order. */
export async function idsWhereIn(
  db: Kysely<DB>,
  table: string,
  column: string,
  values: number[],
): Promise<number[]> {
  if (values.length === 0) return []
  const found = await sql<{ id: number }>`
    SELECT id FROM ${sql.table(table)}
    WHERE ${sql.ref(column)} IN (${sql.join(values)}) ORDER BY id`.execute(db)
  return found.rows.map((r) => r.id)
}

/** One row's value of `column` (a foreign key), or undefined when the row is gone. */
export async function valueOf(
  db: Kysely<DB>,
  table: string,
  column: string,
  id: number,
): Promise<number | undefined> {
  const r = await sql<{ ref: number }>`
    SELECT ${sql.ref(column)} AS ref FROM ${sql.table(table)} WHERE id = ${id}`.execute(db)
  return r.rows[0]?.ref
}

/** Sets `column` to `to` on every row where it is `from`; returns those rows' ids. */
export async function repointAll(
  db: Kysely<DB>,
  table: string,
  column: string,
  from: number,
  to: number,
): Promise<number[]> {
  const ids = await idsWhereIn(db, table, column, [from])
  await sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${to}
            WHERE ${sql.ref(column)} = ${from}`.execute(db)
  return ids
}

/** Sets `column` to `to` on the rows with these ids. */
export async function repointRows(
  db: Kysely<DB>,
  table: string,
  column: string,
  ids: number[],
  to: number,
): Promise<void> {
  if (ids.length === 0) return
  await sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${to}
            WHERE id IN (${sql.join(ids)})`.execute(db)
}

/**
 * Which of an import's rows (`parent` rows whose import_batch_id is `batchId`) a row of
 * `table` refers to through `column`: the distinct parent ids, for the undo to say what is in
 * the way. One statement with a subquery, so an import of 50,000 rows needs no id list.
 */
export async function batchRowsReferredBy(
  db: Kysely<DB>,
  table: string,
  column: string,
  parent: 'appointments' | 'clients',
  batchId: string,
): Promise<number[]> {
  const found = await sql<{ ref: number }>`
    SELECT DISTINCT ${sql.ref(column)} AS ref FROM ${sql.table(table)}
    WHERE ${sql.ref(column)} IN (
      SELECT id FROM ${sql.table(parent)} WHERE import_batch_id = ${batchId})
    ORDER BY ref`.execute(db)
  return found.rows.map((r) => r.ref)
}
