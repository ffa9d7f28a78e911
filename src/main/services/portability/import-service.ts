import { randomUUID } from 'node:crypto'
import type { ImportJob, ImportKind, ImportMapping } from '../../../shared/contract/imports'
import type { LiveDatabase } from '../../db/live-database'
import type { Logger } from '../../log'
import type { Actor } from '../actor'
import type { AuditActor } from '../audit'
import { DomainError } from '../domain-error'
import { JobQueue } from '../jobs/job-queue'
import { inThreadChunks, type ChunkSession } from '../../db/chunk-writer'
import { checkAppointmentRows, type AppointmentRow } from './import-appointment-check'
import { assertAppointmentMapping } from './import-appointment-mapping'
import { appointmentImportItem } from './import-appointment-write'
import { assertClientMapping, checkClientRows, type CheckedRow } from './import-client-check'
import { clientImportItem } from './import-client-write'
import { ImportPartlyKeptError, writeImport } from './import-write'
import { OpenFiles, type OpenFile } from './import-files'

/**
 * Client and appointment imports as jobs, like backups, in three stages: reading the file
 * (import-files.ts), checking its rows (import-*-check.ts) and writing them
 * (import-*-write.ts). The file is parsed once and kept here under an id; checking and
 * writing run as queued jobs the renderer polls. Checking goes in chunks between turns of the
 * event loop; writing goes in chunks off the main thread (import-write.ts), and an import
 * lands whole or is taken back.
 */
export class ImportService {
  #files = new OpenFiles(3)
  #jobs: JobQueue<ImportJob>
  #live: LiveDatabase | null = null
  readonly #now: () => Date
  readonly #checkpoint: (() => Promise<unknown>) | undefined
  readonly #chunks: ChunkSession | undefined
  readonly #log: Logger

  /**
   * `chunks`: writes an import's chunks from a worker thread's own connection (without it,
   * on the live connection: an in-memory clinic). `checkpoint`: copies the WAL
   * into the database off main afterwards, so main's next commit has little left to copy.
   */
  constructor(options: {
    log: Logger
    now: () => Date
    chunks?: ChunkSession
    checkpoint?: () => Promise<unknown>
  }) {
    this.#now = options.now
    this.#checkpoint = options.checkpoint
    this.#chunks = options.chunks
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
        // Taken back: the file may be imported again; partly kept: not (it would add twice).
        if (!(error instanceof ImportPartlyKeptError)) file.imported = false
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
    const now = this.#now()
    const common = { batch, actor, now, progress: (percent: number) => progress(stage, percent) }
    const live = this.#db
    const chunks = this.#chunks ?? inThreadChunks(() => live.sqlite)
    const created =
      file.kind === 'appointments'
        ? await writeImport(live, chunks, {
            ...common,
            kind: 'appointments',
            table: 'appointments',
            rows: rows as AppointmentRow[],
            item: (row) => appointmentImportItem(row, batch, actor, now),
          })
        : await writeImport(live, chunks, {
            ...common,
            kind: 'clients',
            table: 'clients',
            rows: rows as CheckedRow[],
            item: (row) => clientImportItem(row, batch, actor, staff, now),
          })
    if (this.#checkpoint) {
      // Best effort: a checkpoint that cannot run now is done by a later commit. As a
      // borrower of the live database: its worker's connection must be closed before a
      // restore may swap the file (closing last, it would delete the new file's WAL).
      const checkpoint = this.#checkpoint
      await live
        .use(() => checkpoint())
        .catch((error: unknown) =>
          this.#log.error('the WAL checkpoint after an import failed', { error: String(error) }),
        )
    }
    job.batchId = batch.id
    job.created = created
    return `Imported ${created} ${what}; ${batch.skipped} rows skipped.`
  }
}
