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
import { recoverInterruptedRestore } from './services/backups/restore-swap'
import { ImportService } from './services/portability/import-service'
import { ChangeFeed } from './services/change-feed'
import { DeskHost } from './link/desk-host'
import { refreshClientSearch } from './services/clients/search-refresh'
import { refreshNoteSearch } from './services/notes/note-search'
import { makeClinicFilesPrivate } from './db/file-modes'
import { lockClinicFile, type ClinicFileLock } from './db/clinic-file-lock'
import { defaultBackupFolder } from './services/backups/backup-settings'

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
}

export interface OpenCoreOptions {
  file: string
  log?: Logger
  now?: () => Date
  /** Name written on audit rows; defaults to this computer's host name. */
  workstation?: string
  /** Where the desk link listens when sharing is on; all interfaces unless given. */
  deskBindAddress?: string
}

/**
 * Everything Plinth is, minus a transport: the migrated database and the router. The
 * Electron window, the loopback adapter, the tests and the bench all start from here.
 * `db` and `sqlite` are read through on each use: a restore replaces the connection.
 */
export async function openCore({
  file,
  log = consoleLogger,
  now,
  workstation = hostname(),
  deskBindAddress,
}: OpenCoreOptions): Promise<PlinthCore> {
  const onDisk = file !== ':memory:'
  const clock = now ?? (() => new Date())
  let fileLock: ClinicFileLock | null = null
  if (onDisk) {
    assertLocalDatabasePath(file)
    mkdirSync(dirname(file), { recursive: true })
    makeClinicFilesPrivate(file, [defaultBackupFolder(file), attachmentsDirOf(file)])
    fileLock = lockClinicFile(file)
    try {
      if (recoverInterruptedRestore(file))
        log.error('put back the database an interrupted restore had moved aside', { file })
    } catch (error) {
      fileLock.release()
      throw error
    }
  }
  const backups = new BackupService({ file, log, now: clock, workstation })

  async function openMigrated(
    path: string,
  ): Promise<{ connection: Connection; migration: MigrateReport }> {
    const connection = openConnection(path)
    try {
      const migration = await migrateToLatest(connection.db, {
        sqlite: connection.sqlite,
        ...(onDisk ? { backup: () => backups.backupBeforeMigration() } : {}),
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
      return { connection, migration }
    } catch (error) {
      await connection.close()
      throw error
    }
  }

  let opened: Awaited<ReturnType<typeof openMigrated>>
  try {
    opened = await openMigrated(file)
  } catch (error) {
    fileLock?.release()
    throw error
  }
  const { connection, migration } = opened
  const live = new LiveDatabase(connection)
  backups.attach(live, async (path) => (await openMigrated(path)).connection)
  const imports = new ImportService({ log, now: clock })
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
  })
  // Issue 15: after a restore every desk is told, and refetches what it shows.
  backups.onRestored = () => changes.publish('backups.restored', clock())
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
    },
    onChange: (method, at, origin) => changes.publish(method, at, origin),
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
    get db() {
      return live.db
    },
    get sqlite() {
      return live.sqlite
    },
    async close() {
      await deskHost.settled()
      await deskHost.stop()
      await imports.idle()
      await backups.idle()
      await live.close()
      fileLock?.release()
    },
  }
}
