import { randomUUID } from 'node:crypto'
import {
  existsSync,
  constants,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs'
import { join } from 'node:path'
import type { BackupReason } from '../../../shared/contract/backups'
import type { Keying } from '../../db/cipher'
import type { ClinicKeyring } from '../../db/clinic-keys'
import { backupPlanOf, defaultBackupFolder, type BackupPlan } from './backup-settings'
import { clinicSecret, passphraseSecret, type BackupSecret } from './backup-keying'
import { sameCounts } from '../../db/database-file'
import { keyHexOf, type InspectedDatabase } from '../../db/file-tasks'
import { runOffThread } from '../../db/off-thread'
import { databaseSha256Of } from './file-hash'
import type { BackupKey } from './key-file'
import {
  backupFileName,
  findBackups,
  manifestPathOf,
  writeManifest,
  type BackupManifest,
} from './manifest'
import { backupsToDelete } from './rotation'
import { attachmentsDirOf, copyAttachmentsToStore, pruneStore } from './attachment-store'
import { makeFolder } from './make-folder'
import { copyDurably } from './durable-copy'
import { isDiskFull } from '../../db/sqlite-errors'

export type Progress = (stage: string, percent: number) => void

/** A backup that could not be written or did not pass its checks; nothing was kept. */
const DISK_FULL_BACKUP =
  'The backup could not be made: the disk it goes to is full. Free some space there (or ' +
  'choose another backup folder in Settings → Backups) and back up again. Nothing half-written was left.'

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
  /** Scratch space on the local disk for the copy being checked (encrypted like the backup). */
  workDir: string
  /** How the live file is opened: its key (unencrypted only in raw-bytes tests). */
  sourceKey: Keying
  /** The clinic's key scheme: backups are encrypted with it by default. */
  clinic: ClinicKeyring | null
  /** The backup passphrase's key on this computer, when the owner chose one instead. */
  passphrase: BackupKey | null
  progress?: Progress
  /** The live note attachments; by default `attachments/` beside the database. */
  attachmentsDir?: string
  /**
   * Asked once the backup is written and checked, before anything rotates out: false drops
   * it. The start-up backup runs beside the integrity check of the live file instead of
   * after it (issue 19), and is kept only if that check passes (schedule.ts).
   */
  keepIf?: () => Promise<boolean>
}

export interface TakenBackup {
  file: string
  manifest: BackupManifest
  /** Older backups removed by rotation. */
  deleted: string[]
}

/**
 * One backup, start to finish: a consistent snapshot (db/database-file.ts snapshotInto:
 * VACUUM INTO from its own read-only connection, so no command of the app's is held up),
 * checked (opens, quick_check, the same
 * row counts as the live database), encrypted with the clinic key or the passphrase, written
 * to the backup folder, checked again as written, described by a manifest, then rotated.
 * The SQLite work (snapshot, re-key, check) runs in a worker thread and the copies on the
 * thread pool, so the window and the router keep answering throughout (issue 19).
 */
export async function takeBackup(options: TakeBackupOptions): Promise<TakenBackup> {
  const started = Date.now()
  const progress = options.progress ?? (() => {})
  mkdirSync(options.workDir, { recursive: true })
  const scratch = join(options.workDir, `${randomUUID()}.sqlite`)
  try {
    progress('Copying the database', 5)
    const { plan: rows, liveCounts } = await runOffThread('snapshot', {
      databaseFile: options.databaseFile,
      key: keyHexOf(options.sourceKey),
      target: scratch,
    })
    const plan = backupPlanOf(rows, options.databaseFile)
    progress('Copying the database', 45)
    const targets = targetsFor(plan, options)
    // Encrypted with the backup's own scheme: the clinic key, or the passphrase instead.
    const secret = targets[0]!.secret
    const scratchKey: Keying = secret?.key ?? options.sourceKey

    progress('Checking the copy', 55)
    const checked = await runOffThread('inspect', {
      file: scratch,
      key: keyHexOf(scratchKey),
      ...(secret ? { rekeyFrom: keyHexOf(options.sourceKey) } : {}),
    })
    if (checked.quickCheck.join() !== 'ok') {
      throw new BackupFailedError(`The copy failed SQLite's quick_check: ${checked.quickCheck[0]}`)
    }
    if (liveCounts && !sameCounts(checked.counts, liveCounts)) {
      throw new BackupFailedError('The copy does not hold the same number of rows as the database.')
    }
    const databaseSha256 = await databaseSha256Of(scratch)
    // The attachments the snapshot refers to: the files that belong with this backup.
    const attachments = checked.attachments

    progress('Writing the backup', 65)
    const copy: CheckedCopy = {
      scratch,
      databaseSha256,
      checked,
      started,
      attachments,
    }
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
    if (options.keepIf && !(await options.keepIf())) {
      rmSync(manifestPathOf(file), { force: true })
      rmSync(file, { force: true })
      throw new BackupFailedError(
        'The database failed its integrity check, so this backup was not kept beside the good ones.',
      )
    }

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
    if (isDiskFull(error)) throw new BackupFailedError(DISK_FULL_BACKUP, { cause: error })
    throw new BackupFailedError(
      `The backup could not be made: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    )
  } finally {
    rmSync(scratch, { force: true })
  }
}

interface Target {
  folder: string
  /** Null only for a test's unencrypted clinic with no passphrase: a plain copy. */
  secret: BackupSecret | null
}

interface CheckedCopy {
  scratch: string
  databaseSha256: string
  checked: InspectedDatabase
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
  const ordinary = options.clinic ? clinicSecret(options.clinic) : null
  const local = defaultBackupFolder(options.databaseFile)
  if (plan.encrypt && !options.passphrase) {
    if (!essential) {
      throw new BackupFailedError(
        'Backups are set to be encrypted with a passphrase, but this computer does not have ' +
          'it. Enter it again in Settings → Backups.',
      )
    }
    return [{ folder: local, secret: ordinary }]
  }
  const secret =
    plan.encrypt && options.passphrase ? passphraseSecret(options.passphrase) : ordinary
  const configured: Target = { folder: plan.folder, secret }
  return essential && local !== configured.folder
    ? [configured, { folder: local, secret }]
    : [configured]
}

async function writeAndVerify(
  copy: CheckedCopy,
  target: Target,
  options: TakeBackupOptions,
): Promise<WrittenBackup> {
  const { folder, secret } = target
  makeFolder(folder)
  for (const left of readdirSync(folder)) {
    if (left.startsWith('plinth-') && left.endsWith('.part')) {
      rmSync(join(folder, left), { force: true })
    }
  }
  let name = backupFileName(options.at, options.reason)
  for (let n = 2; existsSync(join(folder, name)); n++) {
    name = backupFileName(options.at, options.reason).replace('.sqlite', `-${n}.sqlite`)
  }
  const file = join(folder, name)
  const part = `${file}.part`
  let written: string | null = part
  try {
    await copyDurably(copy.scratch, part, constants.COPYFILE_EXCL)
    renameSync(part, file)
    written = file

    options.progress?.('Checking the backup as written', 80)
    const sha256 = await databaseSha256Of(file)
    if (sha256 !== copy.databaseSha256) {
      throw new BackupFailedError('The backup on disk differs from the copy that was checked.')
    }
    options.progress?.('Copying note attachments', 85)
    const attachments = await copyAttachmentsToStore({
      hashes: copy.attachments,
      from: options.attachmentsDir ?? attachmentsDirOf(options.databaseFile),
      folder,
      key: secret ? secret.attachments : null,
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
      encrypted: secret !== null,
      ...(secret ? { keying: secret.keying } : {}),
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
