import type Database from 'better-sqlite3'
import type { Kysely } from 'kysely'
import type { Connection } from './connection'
import type { DB } from './schema'
import {
  FIRST_OPTIMIZE_AFTER_MS,
  OPTIMIZE_EVERY_MS,
  optimizeDatabase,
  reloadStatistics,
} from './optimize'

/**
 * The clinic database as the rest of the main process sees it: the connection of the moment.
 * A restore replaces the file underneath, so nothing may keep a Kysely handle across calls:
 * the router borrows one per command with use(), and the swap waits for every borrower to
 * give it back (and holds new ones at the door) before it closes the old connection.
 */
export class LiveDatabase {
  #connection: Connection
  #borrowed = 0
  #swapping: Promise<void> | null = null
  #drained: (() => void) | null = null
  /** Where optimize's analysis runs off main's thread (optimizePeriodically), if anywhere. */
  #analyseElsewhere: (() => Promise<boolean>) | null = null

  constructor(connection: Connection) {
    this.#connection = connection
  }

  get db(): Kysely<DB> {
    return this.#connection.db
  }

  get sqlite(): Database.Database {
    return this.#connection.sqlite
  }

  /**
   * Copies the WAL into the file and empties it, so pages an erasure overwrote are not still
   * readable in older WAL frames. Best effort: a reader holding an older snapshot (a backup
   * in progress) makes SQLite stop early, and the next automatic checkpoint finishes it.
   */
  truncateWal(): void {
    this.#connection.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  }

  /**
   * PRAGMA optimize (optimize.ts). With a worker to analyse in (`optimizePeriodically`'s
   * argument), the analysis runs there, on a connection of its own (every table that needs
   * it: a new connection has no query history), and main only reloads the statistics; else
   * on the connection of the moment, on this thread (0.67 s on a 6 GB file, tens of ms at
   * 100k). Either way it takes the connection as a command does: main's commands wait for it
   * asynchronously instead of meeting its write lock on main's thread (busy_timeout), and
   * it waits for an import's chunk in flight.
   */
  async optimize(options: { everyTable?: boolean } = {}): Promise<boolean> {
    const elsewhere = this.#analyseElsewhere
    return this.use((db) =>
      db.connection().execute(async () => {
        if (!elsewhere) return optimizeDatabase(this.#connection.sqlite, options)
        const ran = await elsewhere().catch(() => false)
        if (ran) reloadStatistics(this.#connection.sqlite)
        return ran
      }),
    )
  }

  /**
   * Optimizes a minute after opening (every table), then every six hours, as SQLite advises
   * for a long-lived connection. `analyseElsewhere` runs the analysis off main's thread
   * (app-core: the 'optimize' file task in a worker), answering whether it ran. Returns the
   * stop function (close() stops it too).
   */
  optimizePeriodically(analyseElsewhere?: () => Promise<boolean>): () => void {
    this.#analyseElsewhere = analyseElsewhere ?? null
    const first = setTimeout(
      () => void this.optimize({ everyTable: true }),
      FIRST_OPTIMIZE_AFTER_MS,
    )
    const every = setInterval(() => void this.optimize(), OPTIMIZE_EVERY_MS)
    first.unref()
    every.unref()
    this.#stopOptimizing = () => {
      clearTimeout(first)
      clearInterval(every)
    }
    return this.#stopOptimizing
  }

  #stopOptimizing: () => void = () => {}

  /** Runs fn with the current connection; a swap waits until fn has finished. */
  async use<T>(fn: (db: Kysely<DB>) => Promise<T>): Promise<T> {
    while (this.#swapping) await this.#swapping
    this.#borrowed++
    try {
      return await fn(this.#connection.db)
    } finally {
      this.#borrowed--
      if (this.#borrowed === 0) this.#drained?.()
    }
  }

  /**
   * Runs fn alone: no command is in flight while it runs and none starts until it ends.
   * fn gets the current connection and returns the one to carry on with (the same one if
   * it changed nothing, or if it failed and put things back).
   */
  async exclusive(fn: (current: Connection) => Promise<Connection>): Promise<void> {
    while (this.#swapping) await this.#swapping
    let release!: () => void
    this.#swapping = new Promise<void>((done) => (release = done))
    try {
      if (this.#borrowed > 0) {
        await new Promise<void>((done) => (this.#drained = done))
        this.#drained = null
      }
      this.#connection = await fn(this.#connection)
    } finally {
      this.#swapping = null
      release()
    }
  }

  async close(): Promise<void> {
    this.#stopOptimizing()
    await this.exclusive(async (current) => {
      await current.close()
      return current
    })
  }
}
