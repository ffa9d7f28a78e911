import { ALL_STAFF } from '../roles'
import { z } from 'zod'
import { method } from './define'
import { revisioned, savesOn } from './revisions'

export const BACKUP_REASONS = [
  'daily',
  'interval',
  'quit',
  'manual',
  'pre-migration',
  'pre-restore',
] as const
export type BackupReason = (typeof BACKUP_REASONS)[number]

export const backupInfo = z.object({
  /** The backup's file name inside the backup folder; also its id. */
  name: z.string(),
  createdAt: z.string(),
  reason: z.enum(BACKUP_REASONS),
  bytes: z.number().int(),
  encrypted: z.boolean(),
  /** Rows per table at the moment of the backup, e.g. { audit_log: 12, clinic_settings: 1 }. */
  counts: z.record(z.string(), z.number().int()),
  /** Note attachment files kept with the backup; null for backups made before they were. */
  attachments: z.object({ count: z.number().int(), bytes: z.number().int() }).nullable(),
  /** Opened and passed quick_check after writing, and the file is still the size it was. */
  verified: z.boolean(),
  /**
   * Restoring it needs something typed: its passphrase, or the recovery key of the clinic
   * key it was made with (another clinic file's, or another computer's).
   */
  needsSecret: z.boolean(),
})
export type BackupInfo = z.output<typeof backupInfo>

const keepCount = (what: string, max: number) =>
  z
    .number({ message: `Enter how many ${what} backups to keep` })
    .int(`Enter a whole number of ${what} backups`)
    .min(1, `Keep at least one ${what} backup`)
    .max(max, `Keep at most ${max} ${what} backups`)

export const backupSettingsInput = z
  .object({
    /** Absolute folder path; empty for the default folder beside the database. */
    folder: z
      .string()
      .trim()
      .max(1000, 'That folder path is too long')
      .refine((v) => v === '' || /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(v), {
        message: 'Enter a full folder path, e.g. E:\\Plinth backups or /media/usb/plinth',
      }),
    keepRecent: keepCount('recent', 500),
    keepDaily: keepCount('daily', 366),
    keepWeekly: keepCount('weekly', 260),
    keepMonthly: keepCount('monthly', 240),
    encrypt: z.boolean(),
    /** A new passphrase; omit to keep the current one. */
    passphrase: z
      .string()
      .max(200, 'Keep the passphrase under 200 characters')
      .optional()
      .refine((v) => v === undefined || v === '' || v.length >= 10, {
        message: 'Use at least 10 characters, e.g. three unrelated words',
      }),
  })
  .refine((v) => !v.encrypt || v.passphrase === undefined || v.passphrase !== '', {
    path: ['passphrase'],
    message: 'Enter a passphrase to encrypt backups with',
  })
export type BackupSettingsInput = z.input<typeof backupSettingsInput>

export const backupSettings = z.object({
  folder: z.string(),
  /** Where backups go when folder is empty. */
  defaultFolder: z.string(),
  keepRecent: z.number().int(),
  keepDaily: z.number().int(),
  keepWeekly: z.number().int(),
  keepMonthly: z.number().int(),
  encrypt: z.boolean(),
  hasPassphrase: z.boolean(),
  updatedAt: z.string(),
})
export type BackupSettings = z.output<typeof backupSettings>

export const backupJob = z.object({
  id: z.string(),
  kind: z.enum(['backup', 'restore']),
  state: z.enum(['running', 'done', 'failed']),
  /** What it is doing now, in words: "Checking the backup". */
  stage: z.string(),
  percent: z.number().min(0).max(100),
  /** On success or failure: what happened, for the owner. */
  message: z.string().nullable(),
  /** The backup written (or restored from). */
  backupName: z.string().nullable(),
})
export type BackupJob = z.output<typeof backupJob>

export const databaseHealth = z.object({
  integrity: z.object({
    state: z.enum(['not-checked', 'checking', 'ok', 'failed']),
    checkedAt: z.string().nullable(),
    /** Plain words for the owner when the check failed. */
    detail: z.string().nullable(),
  }),
  /** The newest backup that passed its checks: what a failed check offers to restore. */
  newestGoodBackup: backupInfo.nullable(),
  lastBackup: z.object({ at: z.string(), ok: z.boolean(), message: z.string() }).nullable(),
})
export type DatabaseHealth = z.output<typeof databaseHealth>

export const backupsContract = {
  'backups.list': method({
    summary: 'List the backups',
    input: z.object({}),
    output: z.object({ folder: z.string(), backups: z.array(backupInfo) }),
    roles: ['owner'],
  }),
  'backups.settings': method({
    summary: 'Read the backup settings',
    input: z.object({}),
    output: revisioned(backupSettings),
    roles: ['owner'],
    revision: { kind: 'backup-settings', as: 'read' },
  }),
  'backups.updateSettings': method({
    summary: 'Change the backup settings',
    input: savesOn(backupSettingsInput),
    output: revisioned(backupSettings),
    roles: ['owner'],
    revision: { kind: 'backup-settings', as: 'save' },
  }),
  'backups.create': method({
    summary: 'Back up the database now',
    input: z.object({}),
    output: backupJob,
    roles: ['owner'],
  }),
  'backups.restore': method({
    summary: 'Restore the database from a backup',
    input: z.object({
      name: z
        .string()
        .max(200)
        .regex(/^[\w.-]+$/, 'Choose a backup from the list'),
      passphrase: z.string().max(200).optional(),
    }),
    output: backupJob,
    roles: ['owner'],
  }),
  'backups.job': method({
    summary: 'Follow a backup or restore',
    input: z.object({ id: z.string().max(64) }),
    output: backupJob,
    roles: ['owner'],
  }),
  'backups.health': method({
    summary: 'Check the database health',
    input: z.object({}),
    output: databaseHealth,
    roles: ALL_STAFF,
  }),
}
