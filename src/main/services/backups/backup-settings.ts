import { dirname, join } from 'node:path'
import type Database from 'better-sqlite3'
import type { Kysely } from 'kysely'
import type { BackupSettings, BackupSettingsInput } from '../../../shared/contract/backups'
import type { BackupSettingsTable, DB } from '../../db/schema'
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
 * Reads the plan through a raw connection: it also runs before migrations (a database from
 * before backup settings existed has no table yet, and gets the defaults).
 */
export function readBackupPlan(sqlite: Database.Database, databaseFile: string): BackupPlan {
  const has = (table: string) =>
    sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table)
  const row = has('backup_settings')
    ? (sqlite.prepare('SELECT * FROM backup_settings WHERE id = 1').get() as Row | undefined)
    : undefined
  const zone = has('clinic_settings')
    ? (sqlite.prepare('SELECT time_zone FROM clinic_settings WHERE id = 1').get() as
        { time_zone: string } | undefined)
    : undefined
  return planOf(row, databaseFile, zone?.time_zone ?? 'Europe/London')
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
