import type Database from 'better-sqlite3'
import { openDatabase, type Keying } from './cipher'
import { analyseTable, optimizeDatabase } from './optimize'

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

/** The app writer's settings (connection.ts) for another connection to the clinic file. */
function openWriter(databaseFile: string, key: Keying): Database.Database {
  const sqlite = openDatabase(databaseFile, key, { fileMustExist: true })
  try {
    sqlite.pragma('busy_timeout = 5000')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('synchronous = FULL')
    sqlite.pragma('secure_delete = ON')
    return sqlite
  } catch (error) {
    sqlite.close()
    throw error
  }
}

/**
 * Connections kept open between an import's chunks, one per file, in the thread that holds
 * them (a worker thread: off-thread.ts inOneWorker). A warm page cache and no re-opening
 * made chunked writing several times faster; their automatic checkpoint is off, the writer
 * checkpoints between chunks (checkpointHeld), outside the chunk's hold on the app.
 */
const held = new Map<string, Database.Database>()

/**
 * insertLinked from a connection of its own, as a worker thread does beside the app's
 * connection (WAL: the app reads on meanwhile), with the app writer's settings;
 * busy_timeout waits for a write of the app's that is under way. `hold`: the connection
 * stays open for the next chunk until releaseHeldWriter; otherwise it is closed before
 * this returns (without optimize).
 */
export function insertLinkedInto(
  databaseFile: string,
  key: Keying,
  insert: LinkedInsert,
  hold = false,
): number {
  let sqlite = held.get(databaseFile)
  if (!sqlite) {
    sqlite = openWriter(databaseFile, key)
    if (hold) {
      sqlite.pragma('wal_autocheckpoint = 0')
      held.set(databaseFile, sqlite)
    }
  }
  try {
    return insertLinked(sqlite, insert)
  } catch (error) {
    releaseHeldWriter(databaseFile)
    throw error
  } finally {
    if (!hold) sqlite.close()
  }
}

/**
 * A passive checkpoint on the held connection, if any (else null): copies what the WAL
 * holds back into the file without waiting for, or blocking, the app's readers and writer.
 * Returns SQLite's [busy, WAL frames, frames checkpointed].
 */
export function checkpointHeld(databaseFile: string): number[] | null {
  const sqlite = held.get(databaseFile)
  if (!sqlite) return null
  return Object.values((sqlite.pragma('wal_checkpoint(PASSIVE)') as Record<string, number>[])[0]!)
}

/**
 * The planner's statistics refreshed on the held connection, else on one opened for it, off
 * main's thread: `table` alone (an import's, analyseTable), or PRAGMA optimize of every table
 * that needs it (the periodic run). Up to 0.9 s at 1M clients, a 195 ms stall of main at
 * 100k when main ran it. Other connections keep their statistics until they reload them
 * (optimize.ts reloadStatistics).
 * @returns whether it ran (best effort)
 */
export function optimizeHeld(databaseFile: string, key: Keying, table?: string): boolean {
  const refresh = (sqlite: Database.Database) =>
    table ? analyseTable(sqlite, table) : optimizeDatabase(sqlite, { everyTable: true })
  const sqlite = held.get(databaseFile)
  if (sqlite) return refresh(sqlite)
  const own = openWriter(databaseFile, key)
  try {
    return refresh(own)
  } finally {
    own.close()
  }
}

/** Closes the held connection to `databaseFile`, if any (without optimize). */
export function releaseHeldWriter(databaseFile: string): void {
  const sqlite = held.get(databaseFile)
  held.delete(databaseFile)
  sqlite?.close()
}
