import type Database from 'better-sqlite3'
import { isCorrupt } from './audit-carry-over'
import type { BackupSettingsTable } from './schema'

/** The backup_settings row as stored (migration 0400), without its fixed id. */
export type BackupSettingsRow = Omit<BackupSettingsTable, 'id'>

const COLUMNS = 'folder, keep_recent, keep_daily, keep_weekly, keep_monthly, encrypt, updated_at'

/**
 * The backup settings (where backups go, how many are kept, whether they are encrypted) are
 * this computer's arrangement, not the clinic's records, so a restore keeps them: a user
 * trial restored on a new PC from the USB folder it had just chosen, the restored file's old
 * folder replaced it, and the USB backups (the "Before a restore" one among them) vanished
 * from the list while later backups went to the local disk.
 *
 * Read from the live file inside the swap (`sqlite` is the live connection), written into
 * the restored one once it is open and migrated (an older backup may not have the table
 * yet). A live file too damaged to read them gives null (the restored file's own stay);
 * other errors are thrown.
 */
export function readBackupSettingsRow(sqlite: Database.Database): BackupSettingsRow | null {
  try {
    return (
      (sqlite.prepare(`SELECT ${COLUMNS} FROM backup_settings WHERE id = 1`).get() as
        BackupSettingsRow | undefined) ?? null
    )
  } catch (error) {
    if (isCorrupt(error)) return null
    throw error
  }
}

/** Puts a row read by readBackupSettingsRow into the (restored, migrated) live file. */
export function writeBackupSettingsRow(sqlite: Database.Database, row: BackupSettingsRow): void {
  sqlite
    .prepare(
      `INSERT INTO backup_settings (id, ${COLUMNS}) VALUES (1, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET folder = excluded.folder, keep_recent = excluded.keep_recent,
         keep_daily = excluded.keep_daily, keep_weekly = excluded.keep_weekly,
         keep_monthly = excluded.keep_monthly, encrypt = excluded.encrypt,
         updated_at = excluded.updated_at`,
    )
    .run(
      row.folder,
      row.keep_recent,
      row.keep_daily,
      row.keep_weekly,
      row.keep_monthly,
      row.encrypt,
      row.updated_at,
    )
}
