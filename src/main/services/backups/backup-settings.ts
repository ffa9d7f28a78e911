import { dirname, join } from 'node:path'
import type { Kysely } from 'kysely'
import type { BackupSettings, BackupSettingsInput } from '../../../shared/contract/backups'
import type { BackupSettingsTable, DB } from '../../db/schema'
import { readPlanRows, type PlanRows } from '../../db/database-file'
import type { RawConnection } from '../../db/bulk-insert'
import { DEFAULT_RETENTION, type RetentionPolicy } from './rotation'

export function defaultBackupFolder(databaseFile: string): string {
  return join(dirname(databaseFile), 'backups')
}

/** What a backup run needs to know, read from the database being backed up. */
export interface BackupPlan extends RetentionPolicy {
  folder: string
  encrypt: boolean
  timeZone: string
}

type Row = Omit<BackupSettingsTable, 'id'>

function planOf(row: Row | undefined, databaseFile: string, timeZone: string): BackupPlan {
  return {
    folder: row?.folder || defaultBackupFolder(databaseFile),
    keepRecent: row?.keep_recent ?? DEFAULT_RETENTION.keepRecent,
    keepDaily: row?.keep_daily ?? DEFAULT_RETENTION.keepDaily,
    keepWeekly: row?.keep_weekly ?? DEFAULT_RETENTION.keepWeekly,
    keepMonthly: row?.keep_monthly ?? DEFAULT_RETENTION.keepMonthly,
    encrypt: row ? row.encrypt === 1 : false,
    timeZone,
  }
}

/**
 * The plan from the rows read through a raw connection (db/database-file.ts): it also runs
 * before migrations (a database from before backup settings existed has no table yet, and
 * gets the defaults).
 */
export function backupPlanOf(rows: PlanRows, databaseFile: string): BackupPlan {
  return planOf(rows.settings as Row | undefined, databaseFile, rows.timeZone ?? 'Europe/London')
}

/** The live file's plan, read through its connection. */
export function readBackupPlan(sqlite: RawConnection, databaseFile: string): BackupPlan {
  return backupPlanOf(readPlanRows(sqlite), databaseFile)
}

export async function getBackupSettings(
  db: Kysely<DB>,
  databaseFile: string,
  hasPassphrase: boolean,
): Promise<BackupSettings> {
  const row = await db
    .selectFrom('backup_settings')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirstOrThrow()
  return {
    folder: row.folder ?? '',
    defaultFolder: defaultBackupFolder(databaseFile),
    keepRecent: row.keep_recent,
    keepDaily: row.keep_daily,
    keepWeekly: row.keep_weekly,
    keepMonthly: row.keep_monthly,
    encrypt: row.encrypt === 1,
    hasPassphrase,
    updatedAt: row.updated_at,
  }
}

const LABELS: Record<Exclude<keyof BackupSettingsInput, 'passphrase'>, string> = {
  folder: 'folder',
  keepRecent: 'recent backups kept',
  keepDaily: 'daily backups kept',
  keepWeekly: 'weekly backups kept',
  keepMonthly: 'monthly backups kept',
  encrypt: 'encryption',
}

/** Saves the settings; returns the labels of what changed, for the audit log. */
export async function updateBackupSettings(
  db: Kysely<DB>,
  input: Omit<BackupSettingsInput, 'passphrase'>,
  now: Date,
): Promise<string[]> {
  const before = await db
    .selectFrom('backup_settings')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirstOrThrow()
  const next: Row = {
    folder: input.folder === '' ? null : input.folder,
    keep_recent: input.keepRecent,
    keep_daily: input.keepDaily,
    keep_weekly: input.keepWeekly,
    keep_monthly: input.keepMonthly,
    encrypt: input.encrypt ? 1 : 0,
    updated_at: now.toISOString(),
  }
  const columns: Record<keyof typeof LABELS, keyof Row> = {
    folder: 'folder',
    keepRecent: 'keep_recent',
    keepDaily: 'keep_daily',
    keepWeekly: 'keep_weekly',
    keepMonthly: 'keep_monthly',
    encrypt: 'encrypt',
  }
  const changed = (Object.keys(columns) as (keyof typeof LABELS)[])
    .filter((k) => before[columns[k]] !== next[columns[k]])
    .map((k) => LABELS[k])
  await db.updateTable('backup_settings').set(next).where('id', '=', 1).execute()
  return changed
}
