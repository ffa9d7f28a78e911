import { randomUUID } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  constants,
  mkdirSync,
  readdirSync,
  openSync,
  fsyncSync,
  closeSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { BackupReason } from '../../../shared/contract/backups'
import { defaultBackupFolder, readBackupPlan, type BackupPlan } from './backup-settings'
import { checkDatabaseFile, countRows, sameCounts, sha256Of } from './database-check'
import { decryptFile, encryptFile } from './encryption'
import type { BackupKey } from './key-file'
import {
  backupFileName,
  findBackups,
  manifestPathOf,
  writeManifest,
  type BackupManifest,
} from './manifest'
import { backupsToDelete } from './rotation'
import {
  attachmentsDirOf,
  copyAttachmentsToStore,
  pruneStore,
  referencedAttachments,
} from './attachment-store'
import { makeFolder } from './make-folder'

export type Progress = (stage: string, percent: number) => void

/** A backup that could not be written or did not pass its checks; nothing was kept. */
export class BackupFailedError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options)
    this.name = 'BackupFailedError'
  }
}

export interface TakeBackupOptions {
  databaseFile: string
  reason: BackupReason
  at: Date
  /** Scratch space on the local disk: the unencrypted copy never touches the backup folder. */
  workDir: string
  key: BackupKey | null
  progress?: Progress
  /** The live note attachments; by default `attachments/` beside the database. */
  attachmentsDir?: string
}

export interface TakenBackup {
  file: string
  manifest: BackupManifest
  /** Older backups removed by rotation. */
  deleted: string[]
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * One backup, start to finish: a consistent snapshot with SQLite's online backup API (from
 * its own read-only connection, inside one read transaction, so no command of the app's is
 * held up and the copy is one instant of the database), checked (opens, quick_check, the
 * same row counts as the live database at that instant), optionally encrypted, written to
 * the backup folder, checked again as written, described by a manifest, then rotated.
 */
export async function takeBackup(options: TakeBackupOptions): Promise<TakenBackup> {
  const started = Date.now()
  const progress = options.progress ?? (() => {})
  mkdirSync(options.workDir, { recursive: true })
  const scratch = join(options.workDir, `${randomUUID()}.sqlite`)
  const scratchCheck = `${scratch}.check`
  try {
    progress('Copying the database', 5)
    const source = new Database(options.databaseFile, { readonly: true, fileMustExist: true })
    let plan: BackupPlan
    let liveCounts: Record<string, number>
    try {
      source.pragma('busy_timeout = 5000')
      source.exec('BEGIN')
      plan = readBackupPlan(source, options.databaseFile)
      liveCounts = countRows(source)
      await source.backup(scratch, {
        progress: ({ totalPages, remainingPages }) => {
          progress(
            'Copying the database',
            5 + Math.round((45 * (totalPages - remainingPages)) / Math.max(totalPages, 1)),
          )
          return 2000
        },
      })
      source.exec('COMMIT')
    } finally {
      source.close()
    }
    // The copy inherits WAL mode; a backup must be one self-contained file.
    const standalone = new Database(scratch)
    standalone.pragma('journal_mode = DELETE')
    standalone.close()

    progress('Checking the copy', 55)
    const checked = checkDatabaseFile(scratch)
    if (checked.quickCheck.join() !== 'ok') {
      throw new BackupFailedError(`The copy failed SQLite's quick_check: ${checked.quickCheck[0]}`)
    }
    if (!sameCounts(checked.counts, liveCounts)) {
      throw new BackupFailedError('The copy does not hold the same number of rows as the database.')
    }
    const databaseSha256 = await sha256Of(scratch)
    // The attachments the snapshot refers to: the files that belong with this backup.
    const attachments = referencedAttachments(scratch)

    progress('Writing the backup', 65)
    const copy: CheckedCopy = {
      scratch,
      scratchCheck,
      databaseSha256,
      checked,
      started,
      attachments,
    }
    const targets = targetsFor(plan, options)
    let written: WrittenBackup | null = null
    let lastError: unknown = null
    for (const target of targets) {
      try {
        written = await writeAndVerify(copy, target, options)
        break
      } catch (error) {
        lastError = error
      }
    }
    if (!written) throw lastError
    const { file, manifest, folder } = written

    progress('Removing old backups', 95)
    const existing = findBackups(folder).map((b) => b.manifest)
    const deleted = backupsToDelete(existing, plan, plan.timeZone)
    for (const old of deleted) {
      rmSync(manifestPathOf(join(folder, old)), { force: true })
      rmSync(join(folder, old), { force: true })
    }
    // Attachment copies stay while any backup left in the folder refers to them.
    pruneStore(
      folder,
      findBackups(folder).flatMap((b) => b.manifest.attachments?.files ?? []),
    )
    progress('Done', 100)
    return { file, manifest, deleted }
  } catch (error) {
    if (error instanceof BackupFailedError) throw error
    throw new BackupFailedError(
      `The backup could not be made: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    )
  } finally {
    rmSync(scratch, { force: true })
    rmSync(scratchCheck, { force: true })
  }
}

interface Target {
  folder: string
  encrypted: boolean
}

interface CheckedCopy {
  scratch: string
  scratchCheck: string
  databaseSha256: string
  checked: ReturnType<typeof checkDatabaseFile>
  started: number
  attachments: string[]
}

interface WrittenBackup {
  file: string
  manifest: BackupManifest
  folder: string
}

/**
 * Where a backup goes. The backups taken before an update or a restore must not fail
 * because the USB stick is out or this computer lacks the passphrase (the update or the
 * restore would then be refused): they fall back to the default folder on this computer,
 * which holds nothing the database beside it does not.
 */
function targetsFor(plan: BackupPlan, options: TakeBackupOptions): Target[] {
  const essential = options.reason === 'pre-migration' || options.reason === 'pre-restore'
  const configured: Target = { folder: plan.folder, encrypted: plan.encrypt }
  if (plan.encrypt && !options.key) {
    if (!essential) {
      throw new BackupFailedError(
        'Backups are set to be encrypted, but this computer does not have the passphrase. ' +
          'Enter it again in Settings → Backups.',
      )
    }
    return [{ folder: defaultBackupFolder(options.databaseFile), encrypted: false }]
  }
  const local: Target = {
    folder: defaultBackupFolder(options.databaseFile),
    encrypted: plan.encrypt,
  }
  return essential && local.folder !== configured.folder ? [configured, local] : [configured]
}

async function writeAndVerify(
  copy: CheckedCopy,
  target: Target,
  options: TakeBackupOptions,
): Promise<WrittenBackup> {
  const { folder, encrypted } = target
  makeFolder(folder)
  for (const left of readdirSync(folder)) {
    if (left.startsWith('plinth-') && left.endsWith('.part')) {
      rmSync(join(folder, left), { force: true })
    }
  }
  let name = backupFileName(options.at, options.reason, encrypted)
  for (let n = 2; existsSync(join(folder, name)); n++) {
    name = backupFileName(options.at, options.reason, encrypted).replace('.sqlite', `-${n}.sqlite`)
  }
  const file = join(folder, name)
  const part = `${file}.part`
  let written: string | null = part
  try {
    if (encrypted) await encryptFile(copy.scratch, part, options.key!.key, options.key!.kdf)
    else copyFileSync(copy.scratch, part, constants.COPYFILE_EXCL)
    fsyncFile(part)
    renameSync(part, file)
    written = file

    options.progress?.('Checking the backup as written', 80)
    let sha256: string
    if (encrypted) {
      await decryptFile(file, copy.scratchCheck, options.key!.key)
      if ((await sha256Of(copy.scratchCheck)) !== copy.databaseSha256) {
        throw new BackupFailedError(
          'The encrypted backup does not decrypt to the copy that was checked.',
        )
      }
      sha256 = await sha256Of(file)
    } else {
      sha256 = await sha256Of(file)
      if (sha256 !== copy.databaseSha256) {
        throw new BackupFailedError('The backup on disk differs from the copy that was checked.')
      }
    }
    options.progress?.('Copying note attachments', 85)
    const attachments = await copyAttachmentsToStore({
      hashes: copy.attachments,
      from: options.attachmentsDir ?? attachmentsDirOf(options.databaseFile),
      folder,
      key: encrypted ? options.key! : null,
      workDir: options.workDir,
    })
    const manifest: BackupManifest = {
      format: 'plinth-backup',
      version: 1,
      name,
      createdAt: options.at.toISOString(),
      reason: options.reason,
      bytes: statSync(file).size,
      sha256,
      databaseSha256: copy.databaseSha256,
      encrypted,
      quickCheck: 'ok',
      counts: copy.checked.counts,
      schema: copy.checked.schema,
      durationMs: Date.now() - copy.started,
      attachments,
    }
    writeManifest(file, manifest)
    written = null
    return { file, manifest, folder }
  } finally {
    if (written) rmSync(written, { force: true })
  }
}
