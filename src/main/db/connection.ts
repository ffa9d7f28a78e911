import type Database from 'better-sqlite3'
import {
  Kysely,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely'
import type { DB } from './schema'
import { withStatementCache } from './statement-cache'
import { openDatabase, type Keying } from './cipher'
import { optimizeDatabase } from './optimize'

/**
 * SQLite runs DDL inside transactions, but Kysely's adapter says it cannot, so its Migrator
 * would apply migrations without one and a failure could leave a half-migrated file.
 * Saying yes makes the Migrator run all pending migrations in one transaction.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true
  }
}

/**
 * SQLite rolls a transaction back by itself on some errors (SQLITE_FULL: the disk is full;
 * SQLITE_NOMEM, SQLITE_IOERR), and then Kysely's own ROLLBACK fails with "cannot rollback -
 * no transaction is active", which hid the real error from the router (issue 12: the user
 * saw "Something went wrong"). Roll back only a transaction that is still open.
 */
class RollbackIfOpenDriver extends SqliteDriver {
  constructor(
    config: SqliteDialectConfig,
    private readonly sqlite: Database.Database,
  ) {
    super(config)
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.sqlite.inTransaction) await super.rollbackTransaction(connection)
  }
}

class PlinthSqliteDialect extends SqliteDialect {
  constructor(
    private readonly config: SqliteDialectConfig,
    private readonly sqlite: Database.Database,
  ) {
    super(config)
  }

  override createDriver(): Driver {
    return new RollbackIfOpenDriver(this.config, this.sqlite)
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter()
  }
}

export interface Connection {
  /** The raw handle: for backups, pragmas and measured hot paths only. */
  sqlite: Database.Database
  db: Kysely<DB>
  /**
   * Closes the handle, running `PRAGMA optimize` first unless `optimize: false` (a file
   * about to be swapped out by a restore: its statistics are of no further use, and at
   * 600 MB optimize holds main's event loop for tens of milliseconds or more).
   */
  close(options?: { optimize?: boolean }): Promise<void>
}

/**
 * One connection per process. WAL lets readers (a backup, the integrity check) run beside
 * the writer; synchronous=FULL makes an acknowledged commit survive a power cut, which a
 * clinical record needs more than the last few percent of write speed; secure_delete makes
 * an erasure overwrite what it removes. The key goes first, before any other statement
 * (cipher.ts), and is proved right before anything is written.
 *
 * @throws DatabaseKeyError when the key does not open the file; the file is left as it was
 */
export function openConnection(file: string, key: Keying): Connection {
  const sqlite = openDatabase(file, key)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = FULL')
  // Erasing a client (retention, GDPR) must erase: without this SQLite leaves deleted cells
  // readable in free pages and in the pages the WAL copies back. Costs a zero-fill per
  // deleted cell; see tests/integration/erasure-raw-bytes.test.ts.
  sqlite.pragma('secure_delete = ON')
  // Up to 64 MiB of decrypted pages kept (better-sqlite3's default is 16 MiB): a year's reports
  // at a busy clinic's scale read more than 16 MiB of index, and every page read again from
  // the encrypted file is decrypted again. Measured on the reports bench (500,000
  // appointments, load ~6): takings 600 → 330 ms, commission 450 → 240, utilisation 230 →
  // 130, referrals 220 → 60. A small clinic's file never fills it; the cache only grows as
  // pages are read.
  sqlite.pragma('cache_size = -65536')
  const db = new Kysely<DB>({
    dialect: new PlinthSqliteDialect({ database: withStatementCache(sqlite) }, sqlite),
  })
  return {
    sqlite,
    db,
    // SQLite's advice: PRAGMA optimize just before closing (optimize.ts). Then Kysely's
    // destroy() closes the better-sqlite3 handle it was given.
    close: ({ optimize = true } = {}) => {
      if (optimize) optimizeDatabase(sqlite)
      return db.destroy()
    },
  }
}
