import { randomUUID } from 'node:crypto'
import type { ImportJob, ImportKind, ImportMapping } from '../../../shared/contract/imports'
import type { LiveDatabase } from '../../db/live-database'
import type { Logger } from '../../log'
import type { Actor } from '../actor'
import type { AuditActor } from '../audit'
import { DomainError } from '../domain-error'
import { JobQueue } from '../jobs/job-queue'
import { assertAppointmentMapping, checkAppointmentRows } from './import-appointment-check'
import { insertAppointmentRows } from './import-appointment-write'
import { assertClientMapping, checkClientRows } from './import-client-check'
import { writeClientRows } from './import-client-write'
import { OpenFiles, type OpenFile } from './import-files'

/**
 * Client and appointment imports as jobs, like backups, in three stages: reading the file
 * (import-files.ts), checking its rows (import-*-check.ts) and writing them
 * (import-*-write.ts). The file is parsed once and kept here under an id; checking and
 * writing run as queued jobs the renderer polls. Checking goes in chunks between turns of the
 * event loop; writing is one transaction, so an import lands whole or not at all.
 */
export class ImportService {
  #files = new OpenFiles(3)
  #jobs: JobQueue<ImportJob>
  #live: LiveDatabase | null = null
  readonly #now: () => Date
  readonly #checkpoint: (() => Promise<unknown>) | undefined
  readonly #log: Logger

  /**
   * `checkpoint`: copies the WAL into the database off main (a worker thread); after a big
   * import it replaces SQLite's automatic checkpoint at commit, which ran on main.
   */
  constructor(options: { log: Logger; now: () => Date; checkpoint?: () => Promise<unknown> }) {
    this.#now = options.now
    this.#checkpoint = options.checkpoint
    this.#log = options.log
    this.#jobs = new JobQueue<ImportJob>({
      name: 'import',
      keep: 20,
      log: options.log,
      isKnown: (error) => error instanceof DomainError,
      unknownFailure: () =>
        'The import failed and nothing was saved. Try again, or check the file.',
      notFound: 'That import is no longer known.',
    })
  }

  attach(live: LiveDatabase): void {
    this.#live = live
  }

  get #db(): LiveDatabase {
    if (!this.#live) throw new Error('The import service is not attached to a database yet')
    return this.#live
  }

  /** Stage 1: reads a file for the mapping step (see OpenFiles.open for its refusals). */
  async open(
    fileName: string,
    source: { bytes: Uint8Array } | { text: string },
    kind: ImportKind = 'clients',
  ) {
    return (await this.#files.open(fileName, source, kind)).summary
  }

  job(id: string): ImportJob {
    return this.#jobs.get(id)
  }

  /** Resolves once no job is running (tests and close). */
  idle(): Promise<void> {
    return this.#jobs.idle()
  }

  #newJob(kind: ImportJob['kind'], importId: string): ImportJob {
    return this.#jobs.add({
      importId,
      kind,
      stage: kind === 'check' ? 'Checking the rows' : 'Importing',
      report: null,
      batchId: null,
      created: 0,
    })
  }

  /** Stage 2: checks every row against the mapping; the job's report lists what was found. */
  startCheck(importId: string, mapping: ImportMapping): ImportJob {
    const file = this.#files.get(importId)
    const appointments = file.kind === 'appointments'
    if (appointments) assertAppointmentMapping(file.headers, mapping)
    else assertClientMapping(file.headers, mapping)
    const job = this.#newJob('check', importId)
    file.checked = null
    file.checkedAppointments = null
    this.#jobs.run(job, async (progress) => {
      const toBar = (percent: number) => progress(job.stage, percent)
      if (appointments) {
        const { rows, report } = await checkAppointmentRows(
          this.#db.db,
          file,
          mapping,
          this.#now(),
          toBar,
        )
        file.checkedAppointments = rows
        job.report = report
        return `${report.ready} of ${report.total} rows are ready to import.`
      }
      const { rows, report } = await checkClientRows(this.#db.db, file, mapping, this.#now, toBar)
      file.checked = { rows, skipped: report.errors }
      job.report = report
      return `${report.ready} of ${report.total} rows are ready to import.`
    })
    return structuredClone(job)
  }

  /** Stage 3: writes the checked rows (with or without the possible duplicates). */
  startImport(
    importId: string,
    includeDuplicates: boolean,
    staff: Actor,
    actor: AuditActor,
  ): ImportJob {
    const file = this.#files.get(importId)
    const checked = file.kind === 'appointments' ? file.checkedAppointments : file.checked?.rows
    if (!checked) throw new DomainError('rule_broken', 'Check the rows before importing.')
    if (file.imported) throw new DomainError('conflict', 'This file has already been imported.')
    const job = this.#newJob('import', importId)
    file.imported = true
    this.#jobs.run(job, async (progress) => {
      try {
        return await this.#write(file, checked, includeDuplicates, staff, actor, job, progress)
      } catch (error) {
        file.imported = false
        throw error
      }
    })
    return structuredClone(job)
  }

  async #write(
    file: OpenFile,
    checked: { duplicate: boolean }[],
    includeDuplicates: boolean,
    staff: Actor,
    actor: AuditActor,
    job: ImportJob,
    progress: (stage: string, percent: number) => void,
  ): Promise<string> {
    const rows = checked.filter((r) => includeDuplicates || !r.duplicate)
    if (rows.length === 0) throw new DomainError('rule_broken', 'No rows to import.')
    const what = file.kind === 'appointments' ? 'appointments' : 'clients'
    const stage = `Importing ${rows.length} ${what}`
    progress(stage, 0)
    const batch = {
      id: randomUUID(),
      fileName: file.fileName,
      preset: file.preset,
      skipped: file.rows.length - rows.length,
    }
    const live = this.#db
    const toBar = (percent: number) => progress(stage, percent)
    await live.use(async (db) => {
      // No automatic checkpoint at this commit: copying the import's WAL back into the file
      // held main's event loop for a second at 50,000 rows (issue 19); a worker does it below.
      const sqlite = live.sqlite
      const every = this.#checkpoint
        ? Number(sqlite.pragma('wal_autocheckpoint', { simple: true }))
        : 0
      if (this.#checkpoint) sqlite.pragma('wal_autocheckpoint = 0')
      try {
        await db
          .transaction()
          .execute((trx) =>
            file.kind === 'appointments'
              ? insertAppointmentRows(
                  trx,
                  live.sqlite,
                  rows as NonNullable<OpenFile['checkedAppointments']>,
                  batch,
                  actor,
                  this.#now(),
                  toBar,
                )
              : writeClientRows(
                  trx,
                  live.sqlite,
                  rows as NonNullable<OpenFile['checked']>['rows'],
                  batch,
                  actor,
                  staff,
                  this.#now(),
                  toBar,
                ),
          )
      } finally {
        if (this.#checkpoint) sqlite.pragma(`wal_autocheckpoint = ${every}`)
      }
    })
    if (this.#checkpoint) {
      // Best effort: a checkpoint that cannot run now is done by a later commit.
      await this.#checkpoint().catch((error: unknown) =>
        this.#log.error('the WAL checkpoint after an import failed', { error: String(error) }),
      )
    }
    job.batchId = batch.id
    job.created = rows.length
    return `Imported ${rows.length} ${what}; ${batch.skipped} rows skipped.`
  }
}
