import type Database from 'better-sqlite3'
import type { DB } from './schema'

/** The raw better-sqlite3 connection, named here so services need not import the driver. */
export type RawConnection = Database.Database

type Row<T extends keyof DB> = { [C in keyof DB[T]]?: unknown }

/**
 * A cached INSERT for the hot path of big imports (tens of thousands of rows), run on the
 * raw connection inside the caller's transaction: per-row Kysely queries took 38 s for
 * 50,000 clients, a cached statement ~5 s (tests/bench/import.bench.ts).
 *
 * `columns` is fixed when the inserter is made; each row binds its values by column name
 * (`@first_name`), so the order of a row's keys does not matter, and a row missing a column
 * throws (better-sqlite3: "Missing named parameter") instead of shifting values into the
 * wrong columns. Returns the new row's rowid.
 */
export function bulkInserter<T extends keyof DB & string>(
  sqlite: Database.Database,
  table: T,
  columns: readonly (keyof DB[T] & string)[],
): (row: Row<T>) => number {
  const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`
  const statement = sqlite.prepare(
    `INSERT INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) VALUES (${columns
      .map((c) => `@${c}`)
      .join(', ')})`,
  )
  return (row) => {
    const bound: Record<string, unknown> = {}
    for (const c of columns) {
      if (!(c in row)) throw new Error(`bulkInserter(${table}): the row has no ${c}`)
      bound[c] = row[c as keyof typeof row]
    }
    return Number(statement.run(bound).lastInsertRowid)
  }
}

/**
 * Lets the event loop turn every `every` rows of a long loop (progress polls, heartbeats), or
 * sooner once `sliceMs` has passed since the last turn: 1000 rows of an import took ~150 ms
 * on a busy 2-core machine and held main's event loop that long (issue 19: p99 < 50 ms).
 * The clock is read on every row (tens of nanoseconds, beside a row's insert or check of
 * tens of microseconds or more): reading it every 25 rows let 25 slow rows run over.
 */
export function yielder(every: number, sliceMs = 10): (index: number) => Promise<void> | undefined {
  let last = performance.now()
  return (index) => {
    if (index === 0) return undefined
    if (index % every !== 0 && performance.now() - last < sliceMs) return undefined
    return new Promise((next) =>
      setImmediate(() => {
        last = performance.now()
        next()
      }),
    )
  }
}
