import { runOffThread } from './db/off-thread'
import { keyHexOf } from './db/file-tasks'
import { dirname, join } from 'node:path'
import { mkdirSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { openConnection, type Connection } from './db/connection'
import { LiveDatabase } from './db/live-database'
import { migrateToLatest, type MigrateReport } from './db/migrate'
import { assertLocalDatabasePath } from './db/network-share'
import { consoleLogger, type Logger } from './log'
import { handlers } from './rpc/handlers'
import { createRouter, type Router } from './rpc/router'
import { getSecuritySettings } from './services/auth/security-settings'
import { StaffConnection } from './rpc/staff-connection'
import { isStillSignedIn } from './services/auth/still-signed-in'
import { attachmentsDirOf } from './services/backups/attachment-store'
import { BackupService } from './services/backups/backup-service'
import { recoverInterruptedRestore } from './db/restore-swap'
import { offThreadChunks } from './db/chunk-writer'
import { ImportService } from './services/portability/import-service'
import { ChangeFeed } from './services/change-feed'
import { DeskHost } from './link/desk-host'
import { refreshClientSearch } from './services/clients/search-refresh'
import { refreshNoteSearch } from './services/notes/note-search'
import { rollBackUnfinishedImports } from './services/portability/import-undo'
import { makeClinicFilesPrivate } from './db/file-modes'
import { lockClinicFile, type ClinicFileLock } from './db/clinic-file-lock'
import { defaultBackupFolder } from './services/backups/backup-settings'
import { DatabaseKeyError, fileState, openDatabase, UNENCRYPTED, type Keying } from './db/cipher'
import { encryptInPlace } from './db/encrypt-in-place'
import type { RescueChoice } from '../shared/contract/rescue'
import {
  carryOutRescue,
  ClinicFileProblemError,
  damagedFileProblem,
  missingFileProblem,
} from './services/rescue/clinic-rescue'
import { MessageSender } from './services/messages/sender'
import { secretBoxFor } from './services/messages/secret-box'
import { sendTestEmail } from './services/messages/test-email'
import {
  ensureClinicKeys,
  readClinicKeys,
  recoveryKeyText,
  type ClinicKeyring,
} from './db/clinic-keys'

export interface PlinthCore extends Connection {
  file: string
  router: Router
  migration: MigrateReport
  /** A new window's connection: nobody signed in until it signs in. */
  connect(): StaffConnection
  /** Backups, restore and the integrity check of this database. */
  backups: BackupService
  /** Client imports from CSV files: parsed, checked and imported as jobs. */
  imports: ImportService
  /** The clock every service and the router read: the real one unless a test pinned it. */
  now: () => Date
  /** Change events after every committed change, for windows and desks to refetch. */
  changes: ChangeFeed
  /** The desk link's server: listens only while sharing is on (issue 15). */
  deskHost: DeskHost
  /** How the clinic file is opened: its data key, for tools (the bench) that open it too. */
  key: Keying
  /** The outbox's sender (issue 16): started with the core unless asked not to. */
  messages: MessageSender
  /**
   * PRAGMA optimize as the app runs it a minute after opening and every six hours (analysed
   * in a worker for a clinic on disk, then reloaded by main: LiveDatabase.optimize). For
   * tests and the bench. Answers whether it ran.
   */
  optimize(options?: { everyTable?: boolean }): Promise<boolean>
}

export interface OpenCoreOptions {
  file: string
  /**
   * The clinic file's data key (from the keystore in the app, PLINTH_DB_KEY or a key file
   * headless). `UNENCRYPTED` only in tests that read the file's raw bytes.
   */
  key: Keying
  log?: Logger
  now?: () => Date
  /** Name written on audit rows; defaults to this computer's host name. */
  workstation?: string
  /** Where the desk link listens when sharing is on; all interfaces unless given. */
  deskBindAddress?: string
  /**
   * What the owner chose after a ClinicFileProblemError: restore a backup over the missing or
   * damaged file, or set it aside and start a new clinic. Carried out before opening.
   */
  rescue?: RescueChoice
  /**
   * Start the outbox sender (default true: the app, `serve:web`, the headless host). Tests
   * that drive the sender themselves pass false and call `core.messages.drain()`.
   */
  sendMessages?: boolean
  /** How often the sender looks for due messages when not nudged (ms; default 15 s). */
  messagePollMs?: number
}

/**
 * Everything Plinth is, minus a transport: the migrated database and the router. The
 * Electron window, the loopback adapter, the tests and the bench all start from here.
 * `db` and `sqlite` are read through on each use: a restore replaces the connection.
 *
 * @throws ClinicFileProblemError when the file is missing (or 0 bytes) with backups beside,
 *   or is damaged (cut short, not a database): nothing is created or changed
 * @throws DatabaseKeyError when the key does not open the file (nothing changed)
 */
export async function openCore({
  file,
  key: givenKey,
  log = consoleLogger,
  now,
  workstation = hostname(),
  deskBindAddress,
  rescue,
  sendMessages = true,
  messagePollMs,
}: OpenCoreOptions): Promise<PlinthCore> {
  const onDisk = file !== ':memory:'
  const key: Keying = onDisk ? givenKey : UNENCRYPTED
  const clock = now ?? (() => new Date())
  let fileLock: ClinicFileLock | null = null
  let keyring: ClinicKeyring | null = null
  if (onDisk) {
    assertLocalDatabasePath(file)
    mkdirSync(dirname(file), { recursive: true })
    makeClinicFilesPrivate(file, [defaultBackupFolder(file), attachmentsDirOf(file)])
    fileLock = lockClinicFile(file)
    try {
      if (recoverInterruptedRestore(file))
        log.error('put back the database an interrupted restore had moved aside', { file })
      if (rescue) {
        const done = await carryOutRescue(file, key, rescue, clock())
        log.error(
          `start-up: ${rescue.kind === 'restore' ? 'restored a backup' : 'started a new clinic'}`,
          {
            setAsideAs: done.setAsideAs,
            ...(rescue.kind === 'restore' ? { backup: rescue.backup } : {}),
            unusableAttachments: done.unusable.length,
          },
        )
      } else {
        const missing = missingFileProblem(file, key)
        if (missing) throw new ClinicFileProblemError(missing)
      }
      keyring = keyringFor(file, key, clock())
    } catch (error) {
      fileLock.release()
      throw asProblem(file, key, error)
    }
  }
  const backups = new BackupService({ file, log, now: clock, workstation, liveKey: key, keyring })

  async function openMigrated(
    path: string,
    /** A backup of this very state, just taken (before encrypting it): no second one. */
    backedUp: string | null = null,
  ): Promise<{ connection: Connection; migration: MigrateReport }> {
    const connection = openConnection(path, key)
    try {
      const backup = backedUp ? async () => backedUp : () => backups.backupBeforeMigration()
      const migration = await migrateToLatest(connection.db, {
        sqlite: connection.sqlite,
        ...(onDisk ? { backup } : {}),
        ...(now ? { now } : {}),
      })
      if (migration.applied.length > 0) {
        log.info(`migrated ${path}`, { applied: migration.applied, backup: migration.backupFile })
      }
      // After the schema, the data derived by code: search columns built by older rules.
      const rebuilt = await refreshClientSearch(connection.db, clock())
      if (rebuilt !== null) log.info(`rebuilt client search for ${path}`, { clients: rebuilt })
      const notes = await refreshNoteSearch(connection.db, clock())
      if (notes !== null) log.info(`added folded words to note search for ${path}`, { notes })
      // An import written in chunks that never finished (the app stopped, or a backup caught
      // it mid-way) is taken back, so an import is whole or absent (issue 19).
      const actor = { userId: null, username: null, workstation }
      const unfinished = await rollBackUnfinishedImports(connection.db, actor, clock())
      if (unfinished > 0) log.info(`took back unfinished imports in ${path}`, { unfinished })
      return { connection, migration }
    } catch (error) {
      await connection.close()
      throw error
    }
  }

  let opened: Awaited<ReturnType<typeof openMigrated>>
  try {
    // Issue 12: a clinic file from before encryption at rest is encrypted in place, after a
    // backup of it as it was (which stands in for the migrations' backup too).
    let backedUp: string | null = null
    if (key !== UNENCRYPTED && fileState(file) === 'plain') {
      backedUp = await backups.backupBeforeEncrypting()
      encryptInPlace(file, key)
      log.info('encrypted the clinic file in place', { file, backup: backedUp })
    }
    opened = await openMigrated(file, backedUp)
  } catch (error) {
    fileLock?.release()
    throw onDisk ? asProblem(file, key, error) : error
  }
  const { connection, migration } = opened
  const live = new LiveDatabase(connection)
  // Planner statistics kept fresh (db/optimize.ts, issue 19), analysed in a worker so main's
  // event loop does not stop for it; the close optimizes too.
  if (onDisk) {
    live.optimizePeriodically(() =>
      runOffThread('optimize', { databaseFile: file, key: keyHexOf(key) }),
    )
  }
  backups.attach(live, async (path) => (await openMigrated(path)).connection)
  const imports = new ImportService({
    log,
    now: clock,
    // A big import is written and its WAL copied back into the file off main (issue 19).
    ...(onDisk
      ? {
          chunks: offThreadChunks(file, key, () => live.sqlite),
          checkpoint: () => runOffThread('checkpoint', { databaseFile: file, key: keyHexOf(key) }),
        }
      : {}),
  })
  imports.attach(live)
  const changes = new ChangeFeed()
  // Made before the router (its handlers reach it through core.network), used after.
  const deskHost: DeskHost = new DeskHost({
    db: () => live.db,
    connect: (name) => connect(name),
    changes,
    log,
    now: clock,
    ...(deskBindAddress ? { bindAddress: deskBindAddress } : {}),
    damaged: () => backups.integrityFailed(),
  })
  // Issue 15: after a restore every desk is told, and refetches what it shows.
  backups.onRestored = () => changes.publish('backups.restored', clock())
  const box = secretBoxFor(key)
  const messages = new MessageSender({
    use: (fn) => live.use(fn),
    box,
    now: clock,
    log,
    workstation,
    ...(messagePollMs ? { pollMs: messagePollMs } : {}),
  })
  const router = createRouter({
    db: live,
    handlers,
    log,
    workstation,
    core: {
      backups,
      imports,
      attachmentsDir: onDisk ? attachmentsDirOf(file) : join(tmpdir(), 'plinth-attachments'),
      network: deskHost,
      truncateWal: () => live.truncateWal(),
      recoveryKey: () => {
        const keys = keyring && readClinicKeys(file)
        return keys && key !== UNENCRYPTED ? recoveryKeyText(keys, key) : null
      },
      messages: {
        box,
        nudge: () => messages.nudge(),
        status: () => ({ offline: messages.offline, lastProblem: messages.lastProblem }),
        sendTestEmail: (db, to) => sendTestEmail(db, box, to),
      },
    },
    onChange: (method, at, origin) => {
      changes.publish(method, at, origin)
      // A booking, move or cancellation may have queued a confirmation: send it now.
      if (method.startsWith('diary.')) messages.nudge()
    },
    damaged: () => backups.integrityFailed(),
    ...(now ? { now } : {}),
  })
  const connect = (deskName?: () => string) =>
    new StaffConnection({
      router,
      now: clock,
      idleLockMinutes: async () => (await getSecuritySettings(live.db)).idleLockMinutes,
      ...(deskName ? { workstation: deskName } : {}),
      stillValid: (session) => isStillSignedIn(live.db, session),
    })
  if (sendMessages) messages.start()
  return {
    file,
    router,
    migration,
    backups,
    imports,
    connect: () => connect(),
    now: clock,
    changes,
    deskHost,
    key,
    messages,
    get db() {
      return live.db
    },
    get sqlite() {
      return live.sqlite
    },
    optimize: (options) => live.optimize(options),
    async close() {
      await messages.stop()
      await deskHost.settled()
      await deskHost.stop()
      await imports.idle()
      await backups.idle()
      await live.close()
      fileLock?.release()
    },
  }
}

/**
 * A file cut short or not a database is a problem the window asks about (issue 12), rather
 * than SQLite's words and a quit. A wrong key stays a DatabaseKeyError here (the headless
 * commands say how to give one); a window treats it as damage too (link/host-side.ts).
 */
function asProblem(file: string, key: Keying, error: unknown): unknown {
  if (error instanceof DatabaseKeyError) return error
  const damaged = damagedFileProblem(file, key, error)
  return damaged ? new ClinicFileProblemError(damaged) : error
}

/**
 * Proves the key opens an encrypted file before anything is written beside it, then reads
 * (or makes, with a new recovery key) the clinic's keys file. Null for an unencrypted file.
 *
 * @throws DatabaseKeyError when the key does not open the file; nothing has changed
 */
function keyringFor(file: string, key: Keying, now: Date): ClinicKeyring | null {
  if (key === UNENCRYPTED) return null
  if (fileState(file) === 'encrypted') {
    openDatabase(file, key, { readonly: true, fileMustExist: true }).close()
  }
  const keys = ensureClinicKeys(file, key, now)
  return { key, keyId: keys.keyId, recovery: keys.recovery }
}
