import type Database from 'better-sqlite3'

/**
 * Keeps the query planner's statistics fresh, as SQLite recommends for long-lived
 * connections (https://sqlite.org/lang_analyze.html, "Recommended usage pattern";
 * https://sqlite.org/pragma.html#pragma_optimize): `PRAGMA optimize` just before a connection
 * closes and periodically while it is open, with `analysis_limit` so ANALYZE looks at about
 * 400 rows per index instead of reading every row.
 *
 * Why (issue 19): the app never ran ANALYZE, so without sqlite_stat1 at 1M clients the
 * "first + surname" search picked clients_last_first over clients_preferred_last: median
 * 11.4 ms, p95 27 ms; with statistics 2.9 / 5.5 ms. `PRAGMA optimize` with
 * analysis_limit=400 took 0.67 s on the 6 GB clinic file and fixed it.
 *
 * `everyTable` (mask 0x10002) analyses every table that needs it, not only those this
 * connection has queried: what SQLite advises once after a long-lived connection opens.
 * Best effort: a busy or read-only file is left for the next run.
 *
 * @returns whether it ran
 */
export function optimizeDatabase(
  sqlite: Database.Database,
  { everyTable = false }: { everyTable?: boolean } = {},
): boolean {
  return sampled(sqlite, everyTable ? 'PRAGMA optimize = 0x10002' : 'PRAGMA optimize')
}

/** Runs `statement` with analysis_limit=400 on a writable open connection; false if it threw. */
function sampled(sqlite: Database.Database, statement: string): boolean {
  if (!sqlite.open || sqlite.readonly) return false
  try {
    sqlite.pragma('analysis_limit = 400')
    sqlite.exec(statement)
    return true
  } catch {
    return false
  }
}

/** The first optimize after opening (every table), then the periodic ones. */
export const FIRST_OPTIMIZE_AFTER_MS = 60_000
export const OPTIMIZE_EVERY_MS = 6 * 60 * 60_000

/**
 * ANALYZE of one table and its indexes, sampled as PRAGMA optimize does (analysis_limit):
 * what an import changed. PRAGMA optimize would analyse every table that needs it, which in
 * a clinic never analysed before (the bench's, seeded in bulk) is all of them: seconds, for
 * tables the import did not touch. Best effort, like optimizeDatabase.
 * @returns whether it ran
 */
export function analyseTable(sqlite: Database.Database, table: string): boolean {
  return /^[a-z_]+$/.test(table) && sampled(sqlite, `ANALYZE "${table}"`)
}

/**
 * Loads the statistics another connection's ANALYZE wrote (an import's worker): a
 * connection reads sqlite_stat1/sqlite_stat4 when it loads the schema and keeps them, so
 * without this main planned with the old ones until it reopened. `ANALYZE sqlite_schema`
 * only reloads them (milliseconds); prepared statements are re-planned at their next run.
 * Checked against the planner: tests/integration/db-optimize.test.ts.
 */
export function reloadStatistics(sqlite: Database.Database): void {
  if (sqlite.open) sqlite.exec('ANALYZE sqlite_schema')
}
