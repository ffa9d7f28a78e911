import type { Logger } from '../../log'
import type { BackupService } from './backup-service'

export interface BackupSchedule {
  /** What the timer does every interval: back up if anything changed. */
  tick(): Promise<void>
  /** Stops the timer and, if anything changed since the last backup, takes one ('quit'). */
  stop(): Promise<void>
}

export interface ScheduleOptions {
  log: Logger
  now?: () => Date
  /** How often to look for changes to back up; 30 minutes in the app. */
  intervalMs?: number
}

/**
 * The automatic backups: the first start of each (clinic) day, every 30 minutes while
 * changes are being made, and at quit. The integrity check runs first, off the main thread;
 * a database that fails it is not backed up over the good backups (rotation would
 * eventually push the last good one out).
 */
export function startBackupSchedule(
  service: BackupService,
  { log, now = () => new Date(), intervalMs = 30 * 60_000 }: ScheduleOptions,
): BackupSchedule {
  let stopped = false
  const healthy = () => service.health().integrity.state !== 'failed'
  const backUp = (reason: 'daily' | 'interval' | 'quit') =>
    service.backup(reason).then(
      () => undefined,
      (error: unknown) => log.error(`automatic ${reason} backup failed`, { error: String(error) }),
    )

  const startup = service.checkIntegrity().then(async () => {
    if (stopped || !healthy()) return
    if (service.hasBackupOnDay(now())) service.markBackedUp()
    else await backUp('daily')
  })

  const tick = async () => {
    if (stopped || !healthy() || !service.hasChangesSinceBackup()) return
    await backUp(service.hasBackupOnDay(now()) ? 'interval' : 'daily')
  }
  const timer = setInterval(() => void tick(), intervalMs)
  timer.unref()

  return {
    tick,
    async stop() {
      stopped = true
      clearInterval(timer)
      await startup
      await service.idle()
      if (healthy() && service.hasChangesSinceBackup()) await backUp('quit')
    },
  }
}
