import type { Logger } from '../../log'
import type { BackupService } from './backup-service'

export interface BackupSchedule {
  /** What the timer does every interval: back up if anything changed; the weekly full check. */
  tick(): Promise<void>
  /** Stops the timer and, if anything changed since the last backup, takes one ('quit'). */
  stop(): Promise<void>
}

export interface ScheduleOptions {
  log: Logger
  now?: () => Date
  /** How often to look for changes to back up; 30 minutes in the app. */
  intervalMs?: number
  /**
   * How long after start the check and the day's first backup begin: the app waits a few
   * seconds so the first screen's own reads do not queue behind them on a cold disk.
   */
  startDelayMs?: number
}

/** A full integrity_check at most this often, when the clinic is idle. */
export const FULL_CHECK_EVERY_MS = 7 * 24 * 60 * 60_000

/**
 * The automatic backups and integrity checks (the decision and its figures:
 * docs/integrity-checks.md, issue 19):
 * - at start (after `startDelayMs`): SQLite's quick_check of the live file in a worker
 *   thread, and at the same time the first backup of the (clinic) day. The backup does not
 *   wait for the check (7 s at 100k clients, 64 s cold at 1M): it is written and checked on
 *   its own, and kept only if the live file passes, so a damaged database never pushes good
 *   backups out through rotation;
 * - every 30 minutes while changes are being made, and at quit: a backup;
 * - once a week, at a tick when nothing changed for the last interval (the clinic is idle):
 *   a full integrity_check (every index against its table too) in the worker.
 * A database that fails a check is not backed up again until it is restored.
 */
export function startBackupSchedule(
  service: BackupService,
  { log, now = () => new Date(), intervalMs = 30 * 60_000, startDelayMs = 0 }: ScheduleOptions,
): BackupSchedule {
  let stopped = false
  const healthy = () => service.health().integrity.state !== 'failed'
  const backUp = (reason: 'daily' | 'interval' | 'quit', keepIf?: () => Promise<boolean>) =>
    service.backup(reason, undefined, keepIf).then(
      () => undefined,
      (error: unknown) => log.error(`automatic ${reason} backup failed`, { error: String(error) }),
    )

  const begin = () => {
    if (stopped) return Promise.resolve()
    const checked = service.checkIntegrity()
    if (service.hasBackupOnDay(now())) {
      service.markBackedUp()
      return checked
    }
    return Promise.all([checked, backUp('daily', () => checked.then(healthy))]).then(() => {})
  }
  let cancelStart = () => {}
  const startup =
    startDelayMs > 0
      ? new Promise<void>((done) => {
          const timer = setTimeout(() => void begin().then(done), startDelayMs)
          timer.unref()
          cancelStart = () => {
            clearTimeout(timer)
            done()
          }
        })
      : begin()

  const tick = async () => {
    if (stopped || !healthy()) return
    if (service.hasChangesSinceBackup()) {
      await backUp(service.hasBackupOnDay(now()) ? 'interval' : 'daily')
      return
    }
    const last = service.lastFullCheckAt()
    if (!last || now().getTime() - last.getTime() >= FULL_CHECK_EVERY_MS) {
      await service.checkIntegrity(true)
    }
  }
  const timer = setInterval(() => void tick(), intervalMs)
  timer.unref()

  return {
    tick,
    async stop() {
      stopped = true
      clearInterval(timer)
      cancelStart()
      await startup
      await service.idle()
      if (healthy() && service.hasChangesSinceBackup()) await backUp('quit')
    },
  }
}
