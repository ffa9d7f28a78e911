import { rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type {
  BackupInfo,
  BackupJob,
  BackupReason,
  DatabaseHealth,
} from '../../../shared/contract/backups'
import type { Connection } from '../../db/connection'
import { UNENCRYPTED, type Keying } from '../../db/cipher'
import type { ClinicKeyring } from '../../db/clinic-keys'
import type { LiveDatabase } from '../../db/live-database'
import type { Logger } from '../../log'
import type { AuditActor } from '../audit'
import { DomainError } from '../domain-error'
import { databaseSha256Of } from './file-hash'
import { BACKUP_CHANGED } from './restore-candidate'
import { JobQueue } from '../jobs/job-queue'
import { defaultBackupFolder, readBackupPlan } from './backup-settings'
import { openingFor, opensWithoutTyping, type BackupOpening } from './backup-keying'
import { WrongPassphraseError } from './encryption'
import { changeCountOf } from '../../db/database-file'
import { readBackupKey } from './key-file'
import { findBackups, type FoundBackup } from './manifest'
import { candidateFileOf } from '../../db/restore-swap'
import { IntegrityWatch } from './integrity-watch'
import { readFullCheckAt } from './full-check-record'
import { restoreFromBackup } from './restore-run'
import { BackupFailedError, takeBackup, type Progress, type TakenBackup } from './take-backup'

export interface BackupServiceOptions {
  /** The live database file. */
  file: string
  log: Logger
  now: () => Date
  workstation: string
  /** How the live file is opened (its data key; unencrypted only in raw-bytes tests). */
  liveKey: Keying
  /** The clinic key scheme backups are encrypted with by default; null when unencrypted. */
  keyring: ClinicKeyring | null
}

const KEEP_JOBS = 20

/**
 * Backups and restore for one clinic database. Everything that touches files runs one at a
 * time through a JobQueue (the one imports use), outside any command's transaction: a
 * handler only starts a job and returns its id; the renderer polls backups.job for progress.
 * The SQLite work of each runs in a worker thread (db/off-thread.ts), so a booking made
 * while a backup runs does not wait (issue 19). The steps live beside this file:
 * take-backup.ts, restore-run.ts, integrity-watch.ts.
 */
export class BackupService {
  readonly file: string
  readonly workDir: string
  #log: Logger
  #now: () => Date
  #workstation: string
  #liveKey: Keying
  #keyring: ClinicKeyring | null
  #live: LiveDatabase | null = null
  #reopen: ((file: string) => Promise<Connection>) | null = null
  #jobs: JobQueue<BackupJob>
  #integrity: IntegrityWatch
  #baseline: { connection: object; changes: number } | null = null
  #lastBackup: DatabaseHealth['lastBackup'] = null

  /** Told once a restore has swapped the database in: every window and desk refetches. */
  onRestored: (() => void) | null = null

  constructor(options: BackupServiceOptions) {
    this.file = options.file
    this.workDir = join(dirname(options.file), '.backup-work')
    this.#log = options.log
    this.#now = options.now
    this.#workstation = options.workstation
    this.#liveKey = options.liveKey
    this.#keyring = options.keyring
    this.#integrity = new IntegrityWatch({
      file: options.file,
      key: options.liveKey,
      log: options.log,
      now: options.now,
      gate: (run) => (this.#live ? this.#live.use(run) : run()),
    })
    this.#jobs = new JobQueue<BackupJob>({
      name: 'backup',
      keep: KEEP_JOBS,
      log: options.log,
      isKnown: (error) =>
        error instanceof DomainError ||
        error instanceof BackupFailedError ||
        error instanceof WrongPassphraseError,
      unknownFailure: (error) =>
        `Something went wrong: ${error instanceof Error ? error.message : String(error)}`,
      notFound: 'That backup job is no longer known.',
    })
    // Left by a backup or restore that was killed: the app holds the only connection
    // (single-instance lock), so nothing else can be using them.
    rmSync(this.workDir, { recursive: true, force: true })
    rmSync(candidateFileOf(this.file), { force: true })
  }

  /** Called once the database is open: restore needs the live handle and how to reopen it. */
  attach(live: LiveDatabase, reopen: (file: string) => Promise<Connection>): void {
    this.#live = live
    this.#reopen = reopen
  }

  /** Unqueued: for callers already inside the queue, or before anything else runs (migration). */
  async #take(
    reason: BackupReason,
    progress?: Progress,
    sourceKey: Keying = this.#liveKey,
    keepIf?: () => Promise<boolean>,
  ): Promise<TakenBackup> {
    const changesAtStart = this.#changeCount()
    try {
      const taken = await takeBackup({
        databaseFile: this.file,
        reason,
        at: this.#now(),
        workDir: this.workDir,
        sourceKey,
        clinic: this.#keyring,
        passphrase: readBackupKey(this.file),
        ...(progress ? { progress } : {}),
        ...(keepIf ? { keepIf } : {}),
      })
      if (changesAtStart) this.#baseline = changesAtStart
      const missing = taken.manifest.attachments?.missing ?? 0
      if (missing > 0) {
        // The database refers to files gone from (or changed in) the attachments folder.
        this.#log.error('note attachments missing or damaged in the attachments folder', {
          missing,
        })
      }
      this.#lastBackup = { at: taken.manifest.createdAt, ok: true, message: taken.manifest.name }
      this.#log.info('backup written', {
        file: taken.file,
        bytes: taken.manifest.bytes,
        ms: taken.manifest.durationMs,
        deleted: taken.deleted.length,
      })
      return taken
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      this.#lastBackup = { at: this.#now().toISOString(), ok: false, message }
      this.#log.error('backup failed', { reason, error: message })
      throw error
    }
  }

  /**
   * A backup now, after whatever backup or restore is running. `keepIf` is asked before
   * anything rotates out (take-backup.ts); false drops the new backup.
   */
  backup(
    reason: BackupReason,
    progress?: Progress,
    keepIf?: () => Promise<boolean>,
  ): Promise<TakenBackup> {
    return this.#jobs.enqueue(() => this.#take(reason, progress, this.#liveKey, keepIf))
  }

  /** The migration runner's hook: called with the database open and nothing else running. */
  async backupBeforeMigration(): Promise<string> {
    return (await this.#take('pre-migration')).file
  }

  /**
   * Before a plain clinic file (from a Plinth without encryption at rest) is encrypted in
   * place: a backup of it as it is, read without a key, written encrypted like any other.
   */
  async backupBeforeEncrypting(): Promise<string> {
    return (await this.#take('pre-migration', undefined, UNENCRYPTED)).file
  }

  folder(): string {
    return readBackupPlan(this.#requireLive().sqlite, this.file).folder
  }

  /**
   * The chosen folder's backups, and the default folder's too when another is chosen: the
   * backups taken before an update or a restore land there when the chosen one is missing.
   */
  #found(): FoundBackup[] {
    const folders = [...new Set([this.folder(), defaultBackupFolder(this.file)])]
    return folders
      .flatMap((folder) => findBackups(folder))
      .sort((a, b) => b.manifest.createdAt.localeCompare(a.manifest.createdAt))
  }

  list(): { folder: string; backups: BackupInfo[] } {
    const known = { clinic: this.#keyring, passphrase: readBackupKey(this.file) }
    return {
      folder: this.folder(),
      backups: this.#found().map((b) => ({
        ...b.info,
        needsSecret: !opensWithoutTyping(b.manifest, known),
      })),
    }
  }

  /** Whether anything was written since the last backup (total_changes of the connection). */
  hasChangesSinceBackup(): boolean {
    const now = this.#changeCount()
    if (!now) return false
    if (!this.#baseline || this.#baseline.connection !== now.connection) return true
    return now.changes !== this.#baseline.changes
  }

  /** Marks the current state as backed up, e.g. at start when today's backup exists. */
  markBackedUp(): void {
    this.#baseline = this.#changeCount()
  }

  /** Whether a backup already exists for the clinic's calendar day of `at`. */
  hasBackupOnDay(at: Date): boolean {
    const plan = readBackupPlan(this.#requireLive().sqlite, this.file)
    const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: plan.timeZone }).format(d)
    const today = day(at)
    return findBackups(plan.folder).some((b) => day(new Date(b.manifest.createdAt)) === today)
  }

  #changeCount(): { connection: object; changes: number } | null {
    if (!this.#live) return null
    const sqlite = this.#live.sqlite
    // Null while a restore swaps the file (a migration's backup can run in that moment).
    const changes = changeCountOf(sqlite)
    return changes === null ? null : { connection: sqlite, changes }
  }

  #requireLive(): LiveDatabase {
    if (!this.#live) throw new Error('The backup service is not attached to a database yet')
    return this.#live
  }

  // ---- jobs -------------------------------------------------------------------------------

  #newJob(kind: BackupJob['kind']): BackupJob {
    return this.#jobs.add({
      kind,
      stage: 'Waiting for the previous backup to finish',
      backupName: null,
    })
  }

  job(id: string): BackupJob {
    return this.#jobs.get(id)
  }

  startBackup(): BackupJob {
    const job = this.#newJob('backup')
    this.#jobs.run(job, async (progress) => {
      const taken = await this.#take('manual', progress)
      job.backupName = taken.manifest.name
      return `Backed up to ${taken.file}`
    })
    return { ...job }
  }

  #find(name: string): FoundBackup {
    const found = this.#found().find((b) => b.manifest.name === name)
    if (!found)
      throw new DomainError('not_found', 'That backup is not in the backup folder any more.')
    return found
  }

  /**
   * Checks what it can before the job starts (the backup exists; an encrypted one opens with
   * this clinic's key, a passphrase kept on this computer, or what the owner typed: its
   * passphrase or the recovery key printed for the clinic that made it), so what is missing
   * shows next to its field. A wrong passphrase only shows when the backup will not open.
   */
  async startRestore(
    name: string,
    typed: string | undefined,
    actor: AuditActor,
  ): Promise<BackupJob> {
    const found = this.#find(name)
    // Before anything is asked for: a user trial typed the recovery key for a backup whose
    // bytes had changed, and only then heard it could not be trusted. (Retries with something
    // typed are checked in the job, as before.)
    if (typed === undefined && (await databaseSha256Of(found.file)) !== found.manifest.sha256) {
      throw new DomainError('rule_broken', BACKUP_CHANGED)
    }
    const opening = await openingFor(found.file, found.manifest, typed, {
      clinic: this.#keyring,
      passphrase: readBackupKey(this.file),
    })
    const job = this.#newJob('restore')
    job.backupName = name
    this.#jobs.run(job, (progress) => this.#restore(found, opening, actor, progress))
    return { ...job }
  }

  async #restore(
    found: FoundBackup,
    opening: BackupOpening,
    actor: AuditActor,
    progress: Progress,
  ): Promise<string> {
    await this.#integrity.running // its worker must not hold the file being replaced
    const outcome = await restoreFromBackup(
      {
        file: this.file,
        liveKey: this.#liveKey,
        live: this.#requireLive(),
        reopen: this.#reopen!,
        log: this.#log,
        now: this.#now,
        takePreRestore: (step) => this.#take('pre-restore', step),
      },
      found,
      opening,
      actor,
      progress,
    )
    this.markBackedUp()
    this.onRestored?.()
    // The verdict of the last check was about the old file.
    void this.checkIntegrity()
    return outcome
  }

  // ---- integrity --------------------------------------------------------------------------

  /**
   * quick_check in a worker thread (integrity_check when `full`); the result shows in
   * health(). When it runs is schedule.ts's decision (docs/integrity-checks.md).
   */
  checkIntegrity(full = false): Promise<void> {
    return this.#integrity.check(full)
  }

  /** When the last full integrity_check finished, or null. */
  lastFullCheckAt(): Date | null {
    return readFullCheckAt(this.file)
  }

  /** Whether the last integrity check found damage: main then refuses all but a restore. */
  integrityFailed(): boolean {
    return this.#integrity.state.state === 'failed'
  }

  health(): DatabaseHealth {
    let newestGoodBackup: BackupInfo | null = null
    try {
      newestGoodBackup = this.list().backups.find((b) => b.verified) ?? null
    } catch (error) {
      this.#log.error('could not list backups', { error: String(error) })
    }
    return { integrity: this.#integrity.state, newestGoodBackup, lastBackup: this.#lastBackup }
  }

  /** Waits for running work (a backup, a restore, the integrity check) to finish. */
  async idle(): Promise<void> {
    // A queued restore starts a fresh integrity check, so wait until neither moves.
    let run: Promise<void> | null
    do {
      run = this.#integrity.running
      await run
      await this.#jobs.idle()
    } while (run !== this.#integrity.running)
  }

  actorFor(session: { userId: number; username: string } | null): AuditActor {
    return {
      userId: session?.userId ?? null,
      username: session?.username ?? null,
      workstation: this.#workstation,
    }
  }
}
