import type Database from 'better-sqlite3'
import { openDatabase, type Keying } from './cipher'

/** A value SQLite stores as it is (better-sqlite3 refuses booleans and undefined). */
export type SqlValue = string | number | bigint | null | Uint8Array

/** A row as plain data: column name → value. */
export type PlainRow = Record<string, SqlValue>

/**
 * Rows of one table, each with rows of other tables that point at it by its new rowid:
 * an imported client with its search document and its audit row, an imported appointment
 * with its history lines. Plain data, so it crosses to a worker thread (file-tasks.ts).
 * Table and column names come from Plinth's code, never from a file being imported.
 */
export interface LinkedInsert {
  table: string
  items: {
    row: PlainRow
    /** Each gets the item's new rowid in `idColumn` (a TEXT column stores it as text). */
    linked: { table: string; idColumn: string; row: PlainRow }[]
  }[]
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`

/**
 * Writes every item of `insert` in one IMMEDIATE transaction (all of this chunk or none of
 * it) and returns how many items were written. Each table's first row fixes its columns and
 * its statement (prepared once); a later row of that table with a column missing, an extra
 * one or an undefined value throws rather than writing a short row (a cached statement for
 * 50,000 rows took ~5 s where per-row Kysely queries took 38 s).
 */
export function insertLinked(sqlite: Database.Database, insert: LinkedInsert): number {
  const statements = new Map<string, { columns: string[]; statement: Database.Statement }>()
  const run = (table: string, row: PlainRow) => {
    let cached = statements.get(table)
    if (!cached) {
      const columns = Object.keys(row)
      cached = {
        columns,
        statement: sqlite.prepare(
          `INSERT INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) VALUES (${columns
            .map(() => '?')
            .join(', ')})`,
        ),
      }
      statements.set(table, cached)
    }
    const { columns, statement } = cached
    if (Object.keys(row).length !== columns.length) {
      throw new Error(`insertLinked(${table}): the row's columns differ from the first row's`)
    }
    const values = columns.map((c) => {
      const value = row[c]
      if (value === undefined) throw new Error(`insertLinked(${table}): the row has no ${c}`)
      return value
    })
    return statement.run(...values)
  }
  sqlite
    .transaction(() => {
      for (const item of insert.items) {
        // As a BigInt: a JS number binds as REAL, which a TEXT column keeps as '12.0'.
        const id = BigInt(run(insert.table, item.row).lastInsertRowid)
        for (const linked of item.linked) {
          run(linked.table, { ...linked.row, [linked.idColumn]: id })
        }
      }
    })
    .immediate()
  return insert.items.length
}

/**
 * insertLinked from a connection of its own, as a worker thread does beside the app's
 * connection (WAL: the app reads on meanwhile). The same settings as the app's writer
 * (connection.ts): foreign keys, synchronous=FULL, secure_delete; busy_timeout waits for a
 * write of the app's that is under way. Closed before it returns, without optimize.
 */
export function insertLinkedInto(databaseFile: string, key: Keying, insert: LinkedInsert): number {
  const sqlite = openDatabase(databaseFile, key, { fileMustExist: true })
  try {
    sqlite.pragma('busy_timeout = 5000')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('synchronous = FULL')
    sqlite.pragma('secure_delete = ON')
    return insertLinked(sqlite, insert)
  } finally {
    sqlite.close()
  }
}
