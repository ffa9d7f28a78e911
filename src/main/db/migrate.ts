import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { sql, type Kysely } from 'kysely'
import { Migrator, type Migration } from 'kysely/migration'
import type Database from 'better-sqlite3'
import { migrations as knownMigrations } from './migrations'

const MIGRATION_TABLE = 'kysely_migration'

export class NewerDatabaseError extends Error {
  constructor(readonly unknownMigrations: string[]) {
    super(
      'This clinic database was written by a newer version of Plinth ' +
        `(it contains changes this version does not know: ${unknownMigrations.join(', ')}). ` +
        'Install the latest Plinth to open it. The file has not been changed.',
    )
    this.name = 'NewerDatabaseError'
  }
}

export interface MigrateOptions {
  sqlite: Database.Database
  /** Where the pre-migration copy goes; omit for in-memory databases. */
  backupDir?: string
  /**
   * Takes the pre-migration backup and returns its file (the app's backup service: verified,
   * with a manifest, encrypted if so set). Used instead of backupDir when given.
   */
  backup?: () => Promise<string>
  migrations?: Record<string, Migration>
  now?: () => Date
}

export interface MigrateReport {
  applied: string[]
  backupFile: string | null
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function executedMigrations(db: Kysely<any>): Promise<string[]> {
  const table = await sql<{ name: string }>`
    SELECT name FROM sqlite_master WHERE type = 'table' AND name = ${MIGRATION_TABLE}`.execute(db)
  if (table.rows.length === 0) return []
  const rows = await sql<{ name: string }>`SELECT name FROM ${sql.table(MIGRATION_TABLE)}`.execute(
    db,
  )
  return rows.rows.map((r) => r.name)
}

/**
 * Brings the file up to this version's schema. Refuses a file from a newer Plinth before
 * touching it, and copies an existing file with a consistent snapshot (the backup service,
 * or VACUUM INTO; never a file copy, which can tear a WAL database) before the first pending
 * migration runs.
 */
export async function migrateToLatest(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations predate any one schema
  db: Kysely<any>,
  options: MigrateOptions,
): Promise<MigrateReport> {
  const all = options.migrations ?? knownMigrations
  const executed = await executedMigrations(db)
  const unknown = executed.filter((name) => !Object.hasOwn(all, name))
  if (unknown.length > 0) throw new NewerDatabaseError(unknown)

  const pending = Object.keys(all).filter((name) => !executed.includes(name))
  if (pending.length === 0) return { applied: [], backupFile: null }

  let backupFile: string | null = null
  if (executed.length > 0 && options.backup) {
    backupFile = await options.backup()
  } else if (executed.length > 0 && options.backupDir) {
    mkdirSync(options.backupDir, { recursive: true })
    const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-')
    backupFile = join(options.backupDir, `pre-migration-${stamp}.sqlite`)
    // VACUUM INTO keeps the file's encryption (SQLite's backup API refuses an encrypted one).
    options.sqlite.prepare('VACUUM INTO ?').run(backupFile)
  }

  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => all },
    migrationTableName: MIGRATION_TABLE,
    // Each domain has its own block of migration numbers, so a lower number (0220, diary)
    // can land after higher ones (0300, notes) have run on a clinic's file. Each migration
    // only adds to its own tables, so running it late is safe.
    allowUnorderedMigrations: true,
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new Error(`Database migration ${failed} failed; nothing was changed by it`, {
      cause: error,
    })
  }
  return {
    applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
    backupFile,
  }
}
