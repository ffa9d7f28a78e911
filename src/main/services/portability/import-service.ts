import { randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { Kysely } from 'kysely'
import type { ClientValues, Duplicate } from '../../../shared/contract/clients'
import type {
  ImportJob,
  ImportKind,
  ImportMapping,
  ImportProblem,
} from '../../../shared/contract/imports'
import type { LiveDatabase } from '../../db/live-database'
import type { DB } from '../../db/schema'
import type { Logger } from '../../log'
import { writeAudit, type AuditActor } from '../audit'
import { swappedDayMonth } from '../clients/duplicates'
import { columnsFrom, displayNameOf } from '../clients/client-record'
import { normaliseEmail, normaliseName, normalisePhone, searchDocument } from '../clients/normalise'
import { DomainError } from '../domain-error'
import { assertNoReplacementCharacters, decodeCsvBytes } from './csv-encoding'
import { parseCsv, type ParsedCsv } from './csv-parse'
import { detectPreset, guessMapping, type ImportPreset } from './import-mapping'
import { mapRow } from './import-rows'
import {
  checkAppointmentRows,
  insertAppointmentRows,
  isAppointmentTemplate,
  type AppointmentRow,
} from './import-appointments'

interface CheckedRow {
  line: number
  client: ClientValues
  importRef: string | null
  archivedAt: string | null
  duplicate: boolean
}

interface OpenFile extends ParsedCsv {
  id: string
  kind: ImportKind
  fileName: string
  preset: ImportPreset
  checked: { rows: CheckedRow[]; skipped: number } | null
  /** An appointments file's checked rows (kind 'appointments'). */
  checkedAppointments: AppointmentRow[] | null
  imported: boolean
}

const KEEP_FILES = 3
const KEEP_JOBS = 20
const CHUNK = 500
const MAX_PROBLEMS = 1000

/**
 * Client imports as jobs, like backups: a file is parsed once (imports.open) and kept here in
 * the main process under an id, so the renderer sends it once and then polls small progress
 * objects. Checking runs in chunks between turns of the event loop (the progress bar moves);
 * the import itself is one transaction, so it lands whole or not at all.
 */
export class ImportService {
  #files = new Map<string, OpenFile>()
  #jobs = new Map<string, ImportJob>()
  #running: Promise<unknown> = Promise.resolve()
  #live: LiveDatabase | null = null
  readonly #log: Logger
  readonly #now: () => Date

  constructor(options: { log: Logger; now: () => Date }) {
    this.#log = options.log
    this.#now = options.now
  }

  attach(live: LiveDatabase): void {
    this.#live = live
  }

  get #db(): LiveDatabase {
    if (!this.#live) throw new Error('The import service is not attached to a database yet')
    return this.#live
  }

  /**
   * Reads a file for the mapping step. Bytes are decoded by decodeCsvBytes (the encoding is
   * reported back); text already decoded is refused if it holds U+FFFD. Throws DomainError
   * with a message naming the encoding when the file cannot be read as text.
   */
  open(
    fileName: string,
    source: { bytes: Uint8Array } | { text: string },
    kind: ImportKind = 'clients',
  ) {
    const { text, encoding } =
      'bytes' in source ? decodeCsvBytes(source.bytes) : { text: source.text, encoding: 'UTF-8' }
    assertNoReplacementCharacters(text)
    const parsed = parseCsv(text)
    if (parsed.headers.length === 0) {
      throw new DomainError('rule_broken', 'That file is empty: there is no header row.')
    }
    if (parsed.rows.length === 0) {
      throw new DomainError('rule_broken', `That file has a header row but no ${kind} in it.`)
    }
    const preset: ImportPreset =
      kind === 'clients'
        ? detectPreset(parsed.headers)
        : isAppointmentTemplate(parsed.headers)
          ? 'plinth'
          : 'custom'
    const file: OpenFile = {
      ...parsed,
      id: randomUUID(),
      kind,
      fileName,
      preset,
      checked: null,
      checkedAppointments: null,
      imported: false,
    }
    this.#files.set(file.id, file)
    for (const id of [...this.#files.keys()].slice(0, Math.max(0, this.#files.size - KEEP_FILES))) {
      this.#files.delete(id)
    }
    return {
      importId: file.id,
      kind,
      fileName,
      encoding,
      preset: file.preset,
      headers: parsed.headers,
      mapping: guessMapping(parsed.headers, kind),
      rowCount: parsed.rows.length,
      preview: parsed.rows.slice(0, 8).map((r) => r.cells),
    }
  }

  #file(importId: string): OpenFile {
    const file = this.#files.get(importId)
    if (!file) {
      throw new DomainError('not_found', 'That file is no longer open. Choose it again.')
    }
    return file
  }

  job(id: string): ImportJob {
    const job = this.#jobs.get(id)
    if (!job) throw new DomainError('not_found', 'That import is no longer known.')
    return structuredClone(job)
  }

  /** Resolves once no job is running (tests and close). */
  async idle(): Promise<void> {
    await this.#running.catch(() => {})
  }

  #newJob(kind: ImportJob['kind'], importId: string): ImportJob {
    const job: ImportJob = {
      id: randomUUID(),
      importId,
      kind,
      state: 'running',
      stage: kind === 'check' ? 'Checking the rows' : 'Importing',
      percent: 0,
      message: null,
      report: null,
      batchId: null,
      created: 0,
    }
    this.#jobs.set(job.id, job)
    for (const id of [...this.#jobs.keys()].slice(0, Math.max(0, this.#jobs.size - KEEP_JOBS))) {
      this.#jobs.delete(id)
    }
    return job
  }

  #run(job: ImportJob, work: () => Promise<string>): void {
    // Started on the next turn of the event loop: after the command that asked has committed.
    const run = this.#running.then(async () => {
      await new Promise((next) => setImmediate(next))
      return work()
    })
    this.#running = run.catch(() => {})
    run.then(
      (message) => Object.assign(job, { state: 'done', stage: 'Done', percent: 100, message }),
      (error: unknown) => {
        const known = error instanceof DomainError
        if (!known) this.#log.error(`import ${job.kind} failed`, { error: String(error) })
        Object.assign(job, {
          state: 'failed',
          message: known
            ? error.message
            : 'The import failed and nothing was saved. Try again, or check the file.',
        })
      },
    )
  }

  startCheck(importId: string, mapping: ImportMapping): ImportJob {
    const file = this.#file(importId)
    if (file.kind === 'appointments') return this.#startAppointmentCheck(file, mapping)
    if (!mapping.firstName || !mapping.lastName) {
      throw new DomainError('rule_broken', 'Choose the columns holding first and last names.', [
        { path: 'mapping.firstName', message: 'Choose the column with first names' },
      ])
    }
    for (const header of Object.values(mapping)) {
      if (header && !file.headers.includes(header)) {
        throw new DomainError('rule_broken', `The file has no column called "${header}".`)
      }
    }
    const job = this.#newJob('check', importId)
    file.checked = null
    this.#run(job, () => this.#check(file, mapping, job))
    return structuredClone(job)
  }

  async #check(file: OpenFile, mapping: ImportMapping, job: ImportJob): Promise<string> {
    const columnOf = new Map(file.headers.map((h, i) => [h, i]))
    const problems: ImportProblem[] = []
    const rows: CheckedRow[] = []
    let errors = 0
    let duplicates = 0
    let warnings = 0
    const seenContacts = new Map<string, number>()
    const db = this.#db.db
    const existing = await ExistingClients.load(db)
    const note = (p: ImportProblem) => {
      if (problems.length < MAX_PROBLEMS) problems.push(p)
    }

    for (let start = 0; start < file.rows.length; start += CHUNK) {
      for (const { line, cells } of file.rows.slice(start, start + CHUNK)) {
        const result = mapRow(file.headers, cells, mapping, columnOf, this.#now())
        if (!result.client) {
          errors += 1
          note({ line, name: result.name, kind: 'error', reasons: result.errors })
          continue
        }
        const c = result.client
        const reasons: string[] = []
        reasons.push(...existing.matches(c))
        // Within the file: the same e-mail or phone on an earlier row.
        for (const key of [
          c.email ? `e:${normaliseEmail(c.email)}` : '',
          normalisePhone(c.mobile).length >= 6 ? `p:${normalisePhone(c.mobile)}` : '',
        ]) {
          if (!key) continue
          const earlier = seenContacts.get(key)
          if (earlier !== undefined) {
            reasons.push(`Same ${key.startsWith('e:') ? 'e-mail' : 'phone'} as line ${earlier}`)
          } else seenContacts.set(key, line)
        }
        const duplicate = reasons.length > 0
        if (duplicate) {
          duplicates += 1
          note({ line, name: result.name, kind: 'duplicate', reasons })
        } else if (result.warnings.length > 0) {
          warnings += 1
          note({ line, name: result.name, kind: 'warning', reasons: result.warnings })
        }
        rows.push({
          line,
          client: c,
          importRef: result.importRef,
          archivedAt: result.archivedAt,
          duplicate,
        })
      }
      job.percent = Math.round(((start + CHUNK) / file.rows.length) * 100)
      job.percent = Math.min(job.percent, 99)
      // Let the renderer's progress polls in between chunks.
      await new Promise((next) => setImmediate(next))
    }
    file.checked = { rows, skipped: errors }
    job.report = {
      total: file.rows.length,
      ready: rows.length - duplicates,
      duplicates,
      errors,
      warnings,
      problems,
    }
    return `${rows.length - duplicates} of ${file.rows.length} rows are ready to import.`
  }

  #startAppointmentCheck(file: OpenFile, mapping: ImportMapping): ImportJob {
    const missing = (path: keyof ImportMapping, message: string) =>
      new DomainError('rule_broken', message, [{ path: `mapping.${path}`, message }])
    if (!mapping.clientRef && !mapping.clientName && !mapping.clientEmail && !mapping.clientPhone) {
      throw missing('clientName', 'Choose a column that says who the client is')
    }
    if (!mapping.therapist) throw missing('therapist', 'Choose the column with the therapist')
    if (!mapping.service) throw missing('service', 'Choose the column with the service')
    if (!mapping.start && !(mapping.date && mapping.time)) {
      throw missing('start', 'Choose the column with the start (or a date and a time column)')
    }
    for (const header of Object.values(mapping)) {
      if (header && !file.headers.includes(header)) {
        throw new DomainError('rule_broken', `The file has no column called "${header}".`)
      }
    }
    const job = this.#newJob('check', file.id)
    file.checkedAppointments = null
    this.#run(job, async () => {
      const { rows, report } = await checkAppointmentRows(
        this.#db.db,
        file,
        mapping,
        this.#now(),
        (percent) => {
          job.percent = percent
        },
      )
      file.checkedAppointments = rows
      job.report = report
      return `${report.ready} of ${report.total} rows are ready to import.`
    })
    return structuredClone(job)
  }

  #startAppointmentImport(file: OpenFile, includeDuplicates: boolean, actor: AuditActor) {
    const checked = file.checkedAppointments
    if (!checked) throw new DomainError('rule_broken', 'Check the rows before importing.')
    if (file.imported) throw new DomainError('conflict', 'This file has already been imported.')
    const job = this.#newJob('import', file.id)
    file.imported = true
    this.#run(job, async () => {
      try {
        const rows = checked.filter((r) => includeDuplicates || !r.duplicate)
        if (rows.length === 0) throw new DomainError('rule_broken', 'No rows to import.')
        job.stage = `Importing ${rows.length} appointments`
        const batchId = randomUUID()
        const skipped = file.rows.length - rows.length
        await this.#db.use((db) =>
          db
            .transaction()
            .execute((trx) =>
              insertAppointmentRows(
                trx,
                this.#db.sqlite,
                rows,
                { id: batchId, fileName: file.fileName, preset: file.preset, skipped },
                actor,
                this.#now(),
              ),
            ),
        )
        job.batchId = batchId
        job.created = rows.length
        return `Imported ${rows.length} appointments; ${skipped} rows skipped.`
      } catch (error) {
        file.imported = false
        throw error
      }
    })
    return structuredClone(job)
  }

  startImport(importId: string, includeDuplicates: boolean, actor: AuditActor): ImportJob {
    const file = this.#file(importId)
    if (file.kind === 'appointments') {
      return this.#startAppointmentImport(file, includeDuplicates, actor)
    }
    if (!file.checked) throw new DomainError('rule_broken', 'Check the rows before importing.')
    if (file.imported) throw new DomainError('conflict', 'This file has already been imported.')
    const checked = file.checked
    const job = this.#newJob('import', importId)
    file.imported = true
    this.#run(job, async () => {
      try {
        const rows = checked.rows.filter((r) => includeDuplicates || !r.duplicate)
        if (rows.length === 0) throw new DomainError('rule_broken', 'No rows to import.')
        job.stage = `Importing ${rows.length} clients`
        const batchId = randomUUID()
        const skipped = file.rows.length - rows.length
        await this.#db.use((db) =>
          db
            .transaction()
            .execute((trx) =>
              importRows(trx, this.#db.sqlite, file, rows, batchId, skipped, actor, this.#now()),
            ),
        )
        job.batchId = batchId
        job.created = rows.length
        return `Imported ${rows.length} clients; ${skipped} rows skipped.`
      } catch (error) {
        file.imported = false
        throw error
      }
    })
    return structuredClone(job)
  }
}

type Reason = Duplicate['reasons'][number]

/**
 * The duplicate rules of services/clients/duplicates.ts (same phone, same e-mail, same
 * surname and birthday, or that birthday with day and month swapped), held in memory for a
 * whole file: findDuplicates' OR across columns costs ~15 ms a row on a 20,000-client table,
 * which is 12 minutes for 50,000 rows; these lookups cost microseconds.
 */
class ExistingClients {
  #phones = new Map<string, number[]>()
  #emails = new Map<string, number[]>()
  #surnameDobs = new Map<string, number[]>()
  #names = new Map<number, string>()

  static async load(db: Kysely<DB>): Promise<ExistingClients> {
    const rows = await db
      .selectFrom('clients')
      .select([
        'id',
        'title',
        'first_name',
        'last_name',
        'preferred_name',
        'mobile_norm',
        'other_phone_norm',
        'email_norm',
        'last_name_norm',
        'date_of_birth',
      ])
      .where('merged_into_id', 'is', null)
      .execute()
    const known = new ExistingClients()
    const add = (map: Map<string, number[]>, key: string, id: number) => {
      const list = map.get(key)
      if (list) list.push(id)
      else map.set(key, [id])
    }
    for (const r of rows) {
      known.#names.set(r.id, displayNameOf(r))
      if (r.mobile_norm.length >= 6) add(known.#phones, r.mobile_norm, r.id)
      if (r.other_phone_norm.length >= 6 && r.other_phone_norm !== r.mobile_norm) {
        add(known.#phones, r.other_phone_norm, r.id)
      }
      if (r.email_norm) add(known.#emails, r.email_norm, r.id)
      if (r.date_of_birth) add(known.#surnameDobs, `${r.last_name_norm}|${r.date_of_birth}`, r.id)
    }
    return known
  }

  /** "Already a client: Aisha Khan (email)" for each match, at most three. */
  matches(c: ClientValues): string[] {
    const found = new Map<number, Reason[]>()
    const note = (ids: number[] | undefined, reason: Reason) => {
      for (const id of ids ?? []) {
        const reasons = found.get(id) ?? []
        if (!reasons.includes(reason)) reasons.push(reason)
        found.set(id, reasons)
      }
    }
    for (const phone of new Set([normalisePhone(c.mobile), normalisePhone(c.otherPhone)])) {
      if (phone.length >= 6) note(this.#phones.get(phone), 'phone')
    }
    if (c.email) note(this.#emails.get(normaliseEmail(c.email)), 'email')
    if (c.dateOfBirth) {
      const surname = normaliseName(c.lastName)
      note(this.#surnameDobs.get(`${surname}|${c.dateOfBirth}`), 'surname-dob')
      const swapped = swappedDayMonth(c.dateOfBirth)
      if (swapped) note(this.#surnameDobs.get(`${surname}|${swapped}`), 'surname-dob-swapped')
    }
    return [...found]
      .slice(0, 3)
      .map(([id, reasons]) => `Already a client: ${this.#names.get(id)} (${reasons.join(', ')})`)
  }
}

async function importRows(
  db: Kysely<DB>,
  sqlite: Database.Database,
  file: OpenFile,
  rows: CheckedRow[],
  batchId: string,
  skipped: number,
  actor: AuditActor,
  now: Date,
): Promise<void> {
  const at = now.toISOString()
  await db
    .insertInto('import_batches')
    .values({
      id: batchId,
      file_name: file.fileName,
      preset: file.preset,
      created_count: rows.length,
      skipped_count: skipped,
      at,
      by: actor.userId,
    })
    .execute()
  const who = { userId: actor.userId, name: actor.username }
  const clientRow = (row: CheckedRow) => {
    const columns = columnsFrom(row.client, null, who, now)
    return {
      columns,
      values: {
        ...columns,
        created_at: at,
        created_by: actor.userId,
        import_batch_id: batchId,
        import_ref: row.importRef,
        archived_at: row.archivedAt,
        archived_by: row.archivedAt ? actor.userId : null,
      },
    }
  }
  // The hot path of a big import. The SQL is still Kysely's (compiled once from the first
  // row), run as two cached statements on the transaction's own connection. Measured on the
  // 2-core dev machine, 50,000 rows: per-row Kysely queries 38 s (busy machine); these 4.8 s
  // (whole import incl. parse and check 11.5 s, tests/bench/import.bench.ts); 5.4 s (11.7 s)
  // with the per-client audit row below, measured at load average 4.
  const first = clientRow(rows[0]!)
  const insertClient = sqlite.prepare(db.insertInto('clients').values(first.values).compile().sql)
  const insertSearch = sqlite.prepare(
    db
      .insertInto('clients_search')
      .values({ rowid: 0, ...searchDocument(first.columns) })
      .compile().sql,
  )
  // One audit row per client as well as the batch's, so each client's own history says
  // where the record came from (the timeline reads the audit rows of its client).
  const auditRow = (clientId: number | bigint, line: number) => ({
    at,
    user_id: actor.userId,
    username: actor.username,
    action: 'client.import',
    entity_type: 'client',
    entity_id: String(clientId),
    summary: `Imported from ${file.fileName} (line ${line})`,
    workstation: actor.workstation,
  })
  const insertAudit = sqlite.prepare(
    db.insertInto('audit_log').values(auditRow(0, 0)).compile().sql,
  )
  for (const row of rows) {
    const { columns, values } = clientRow(row)
    const id = insertClient.run(...Object.values(values)).lastInsertRowid
    insertSearch.run(id, ...Object.values(searchDocument(columns)))
    insertAudit.run(...Object.values(auditRow(id, row.line)))
  }
  await writeAudit(
    db,
    actor,
    {
      action: 'import.clients',
      entityType: 'import_batch',
      entityId: batchId,
      summary: `Imported ${rows.length} clients from ${file.fileName}; ${skipped} rows skipped`,
    },
    now,
  )
}
