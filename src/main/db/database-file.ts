import { rmSync } from 'node:fs'
import type Database from 'better-sqlite3'
import { openDatabase, type Keying } from './cipher'
import { referencedAttachmentsRaw } from './attachment-references'

// What the backups need to know about a whole database file, asked of SQLite here so the
// backup service (services/backups) stays free of the engine (issue 17): its rows per
// table, its health, its migrations, the attachment files it refers to, and a consistent
// copy of it.

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

export function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a).sort()
  const other = Object.keys(b).sort()
  return keys.length === other.length && keys.every((k, i) => k === other[i] && a[k] === b[k])
}

function migrationNames(db: Database.Database): string[] {
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
  /** The newest migration: which Plinth schema it holds ('' before any). */
  schema: string
  migrations: string[]
}

/**
 * Opens a standalone database file read-only and reports what it holds and its health.
 *
 * @throws DatabaseKeyError when the key does not open it
 */
export function checkDatabaseFile(
  file: string,
  key: Keying,
  { counts = true, full = false }: { counts?: boolean; full?: boolean } = {},
): CheckedDatabase {
  const db = openDatabase(file, key, { readonly: true, fileMustExist: true })
  try {
    // The integrity check alone does not read every table again.
    db.pragma('busy_timeout = 5000')
    const pragma = full ? 'integrity_check' : 'quick_check'
    const quickCheck = (db.pragma(`${pragma}(20)`) as Record<string, string>[]).map(
      (r) => r[pragma]!,
    )
    const migrations = migrationNames(db)
    return {
      quickCheck,
      counts: counts ? countRows(db) : {},
      schema: [...migrations].sort().at(-1) ?? '',
      migrations,
    }
  } finally {
    db.close()
  }
}

const SHA256 = /^[0-9a-f]{64}$/

/**
 * The attachment hashes a database (a backup's snapshot) refers to: note attachments,
 * exercise pictures and kept documents alike (attachment-references.ts).
 */
export function referencedAttachments(databaseFile: string, key: Keying): string[] {
  const db = openDatabase(databaseFile, key, { readonly: true, fileMustExist: true })
  try {
    return referencedAttachmentsRaw(db).filter((h) => SHA256.test(h))
  } finally {
    db.close()
  }
}

/** The rows a backup plan is made of; either may be missing in a file before migrations. */
export interface PlanRows {
  settings: Record<string, unknown> | undefined
  timeZone: string | undefined
}

/** Reads the backup settings and the clinic's time zone through a raw connection. */
export function readPlanRows(sqlite: Database.Database): PlanRows {
  const has = (table: string) =>
    sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table)
  const settings = has('backup_settings')
    ? (sqlite.prepare('SELECT * FROM backup_settings WHERE id = 1').get() as
        Record<string, unknown> | undefined)
    : undefined
  const zone = has('clinic_settings')
    ? (sqlite.prepare('SELECT time_zone FROM clinic_settings WHERE id = 1').get() as
        { time_zone: string } | undefined)
    : undefined
  return { settings, timeZone: zone?.time_zone }
}

/** Copies tried before settling for a copy the live counts could not be taken beside. */
const COPY_ATTEMPTS = 3

export interface Snapshot {
  plan: PlanRows
  /** The live rows per table at the copy's instant; null if writes never paused. */
  liveCounts: Record<string, number> | null
}

/**
 * A consistent copy of a live clinic file with VACUUM INTO, from its own read-only
 * connection, so no command of the app's is held up. It writes a compact copy with no free
 * pages (nothing erased travels) and keeps the file's encryption, where SQLite's backup API
 * refuses an encrypted source. The copy is then one self-contained file (rollback journal,
 * not WAL), keyed as the source is (rekeyDatabaseFile gives it another key).
 *
 * VACUUM INTO cannot run inside a transaction, so the live counts are taken just before and
 * just after it: equal, they are the counts of the snapshot in between. A clinic writing all
 * the while (three times over) gets a copy to be checked on its own.
 */
export function snapshotInto(databaseFile: string, sourceKey: Keying, target: string): Snapshot {
  const source = openDatabase(databaseFile, sourceKey, { readonly: true, fileMustExist: true })
  let snapshot: Snapshot
  try {
    source.pragma('busy_timeout = 5000')
    snapshot = { plan: readPlanRows(source), liveCounts: null }
    for (let attempt = 1; attempt <= COPY_ATTEMPTS && !snapshot.liveCounts; attempt++) {
      rmSync(target, { force: true })
      const before = countRows(source)
      source.prepare('VACUUM INTO ?').run(target)
      if (sameCounts(before, countRows(source))) snapshot.liveCounts = before
    }
  } finally {
    source.close()
  }
  const standalone = openDatabase(target, sourceKey)
  standalone.pragma('journal_mode = DELETE')
  standalone.close()
  return snapshot
}

/**
 * Writes since the connection opened (SQLite's total_changes): what tells the schedule
 * whether anything needs backing up. Null while a restore has the connection closed.
 */
export function changeCountOf(sqlite: Database.Database): number | null {
  if (!sqlite.open) return null
  return (sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n
}

/**
 * Copies the live file's WAL back into the database (`wal_checkpoint(PASSIVE)`: waits for
 * no reader or writer, and leaves what it cannot copy yet for the next checkpoint), from a
 * connection of its own, so a worker thread can do it. Returns SQLite's [busy, WAL frames,
 * frames checkpointed]. A 50,000-row import left a WAL whose automatic checkpoint at commit
 * held main's event loop for a second (issue 19); the import turns that off and asks here.
 */
export function checkpointWal(databaseFile: string, key: Keying): number[] {
  const sqlite = openDatabase(databaseFile, key, { fileMustExist: true })
  try {
    const row = sqlite.pragma('wal_checkpoint(PASSIVE)') as Record<string, number>[]
    return Object.values(row[0] ?? {})
  } finally {
    sqlite.close()
  }
}
