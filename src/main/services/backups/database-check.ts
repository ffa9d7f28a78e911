import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import type Database from 'better-sqlite3'
import { openDatabase, type Keying } from '../../db/cipher'

/** Rows in every table of a database (its own tables, not SQLite's). */
export function countRows(db: Database.Database): Record<string, number> {
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .all() as { name: string }[]
  const counts: Record<string, number> = {}
  for (const { name } of tables) {
    const quoted = `"${name.replaceAll('"', '""')}"`
    counts[name] = (db.prepare(`SELECT count(*) AS n FROM ${quoted}`).get() as { n: number }).n
  }
  return counts
}

export function latestMigration(db: Database.Database): string {
  try {
    const row = db.prepare('SELECT max(name) AS name FROM kysely_migration').get() as
      { name: string | null } | undefined
    return row?.name ?? ''
  } catch {
    return ''
  }
}

export function migrationNames(db: Database.Database): string[] {
  try {
    return (db.prepare('SELECT name FROM kysely_migration').all() as { name: string }[]).map(
      (r) => r.name,
    )
  } catch {
    return []
  }
}

export interface CheckedDatabase {
  quickCheck: string[]
  counts: Record<string, number>
  schema: string
  migrations: string[]
}

/**
 * Opens a standalone database file read-only and reports what it holds and its health.
 *
 * @throws DatabaseKeyError when the key does not open it
 */
export function checkDatabaseFile(file: string, key: Keying): CheckedDatabase {
  const db = openDatabase(file, key, { readonly: true, fileMustExist: true })
  try {
    const quickCheck = (db.pragma('quick_check(20)') as { quick_check: string }[]).map(
      (r) => r.quick_check,
    )
    return {
      quickCheck,
      counts: countRows(db),
      schema: latestMigration(db),
      migrations: migrationNames(db),
    }
  } finally {
    db.close()
  }
}

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

export function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a).sort()
  const other = Object.keys(b).sort()
  return keys.length === other.length && keys.every((k, i) => k === other[i] && a[k] === b[k])
}
