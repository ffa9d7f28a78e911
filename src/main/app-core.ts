import { dirname, join } from 'node:path'
import { mkdirSync } from 'node:fs'
import { hostname } from 'node:os'
import { openConnection, type Connection } from './db/connection'
import { migrateToLatest, type MigrateReport } from './db/migrate'
import { consoleLogger, type Logger } from './log'
import { handlers } from './rpc/handlers'
import { createRouter, type Router } from './rpc/router'
import { getSecuritySettings } from './services/auth/security-settings'
import { StaffConnection } from './services/auth/staff-connection'

export interface PlinthCore extends Connection {
  file: string
  router: Router
  migration: MigrateReport
  /** A new window's connection: nobody signed in until it signs in. */
  connect(): StaffConnection
}

export interface OpenCoreOptions {
  file: string
  log?: Logger
  now?: () => Date
  /** Name written on audit rows; defaults to this computer's host name. */
  workstation?: string
}

/**
 * Everything Plinth is, minus a transport: the migrated database and the router. The
 * Electron window, the loopback adapter, the tests and the bench all start from here.
 */
export async function openCore({
  file,
  log = consoleLogger,
  now,
  workstation = hostname(),
}: OpenCoreOptions): Promise<PlinthCore> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const connection = openConnection(file)
  try {
    const migration = await migrateToLatest(connection.db, {
      sqlite: connection.sqlite,
      ...(file !== ':memory:' ? { backupDir: join(dirname(file), 'backups') } : {}),
      ...(now ? { now } : {}),
    })
    if (migration.applied.length > 0) {
      log.info(`migrated ${file}`, { applied: migration.applied, backup: migration.backupFile })
    }
    const router = createRouter({
      db: connection.db,
      handlers,
      log,
      workstation,
      ...(now ? { now } : {}),
    })
    const clock = now ?? (() => new Date())
    const connect = () =>
      new StaffConnection({
        router,
        now: clock,
        idleLockMinutes: async () => (await getSecuritySettings(connection.db)).idleLockMinutes,
      })
    return { ...connection, file, router, migration, connect }
  } catch (error) {
    await connection.close()
    throw error
  }
}
