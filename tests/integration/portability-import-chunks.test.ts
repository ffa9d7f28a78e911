import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCore } from '../../src/main/app-core'
import { newDatabaseKey } from '../../src/main/db/cipher'
import { insertLinked } from '../../src/main/db/linked-insert'
import { runsOffThread } from '../../src/main/db/off-thread'
import { silentLogger } from '../../src/main/log'
import { startImportBatch } from '../../src/main/services/portability/import-batch'
import { rollBackImport } from '../../src/main/services/portability/import-undo'
import { CHUNK_TARGET_MS, nextChunkSize } from '../../src/main/services/portability/import-write'
import type { Service, Therapist } from '../../src/shared/contract/diary-setup'
import type { ImportJob } from '../../src/shared/contract/imports'
import { aClinikoExport } from '../fixtures/cliniko-export'
import { aBookableClient, aService, aTherapist, at, WEEKDAYS } from '../fixtures/diary'
import { aSession, call, openTempCore, tempDir } from '../fixtures/temp-core'

// Issue 19: an import is written in chunks by a worker thread (import-write.ts), so main
// answers, and books, while it runs; the import is still whole or absent.

const owner = aSession('owner')
const reception = aSession('reception')
const NOW = new Date('2026-02-20T10:00:00Z')
const ROWS = 5_000

type Core = Awaited<ReturnType<typeof openTempCore>>

async function rpc<T>(core: Core, method: string, input: unknown): Promise<T> {
  const r = await core.router.call(method, input, owner)
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
  return r.value as T
}

/** Opens and checks a generated Cliniko export, then starts writing it. */
async function startImport(core: Core, rows: number): Promise<ImportJob> {
  const opened = await rpc<{ importId: string; mapping: object }>(core, 'imports.open', {
    fileName: 'Patients-Cliniko-20260101.csv',
    text: aClinikoExport(rows),
  })
  await rpc(core, 'imports.check', { importId: opened.importId, mapping: opened.mapping })
  await core.imports.idle()
  return rpc<ImportJob>(core, 'imports.run', {
    importId: opened.importId,
    includeDuplicates: true,
  })
}

const count = (core: Core, sql: string) => (core.sqlite.prepare(sql).get() as { n: number }).n

describe('an import written in chunks off the main thread', () => {
  let core: Core
  let massage: Service
  let sam: Therapist
  beforeEach(async () => {
    core = await openTempCore({ now: () => NOW })
    massage = await aService('Sports massage 60 min').lasting(60).in(core)
    sam = await aTherapist('Sam').working(WEEKDAYS, '09:00-20:00').offering(massage).in(core)
  })
  afterEach(async () => {
    await core.dispose()
  })

  it('books while a 5,000-row import is being written, and the import lands whole', async () => {
    expect(runsOffThread()).toBe(true)
    const client = await aBookableClient(core)
    const job = await startImport(core, ROWS)
    // The write stage under way: some chunks in, not all.
    while (core.imports.job(job.id).percent === 0) await new Promise((r) => setTimeout(r, 2))
    const loop = monitorEventLoopDelay({ resolution: 5 })
    loop.enable()
    const asked = performance.now()
    const booked = await call(
      core,
      'diary.book',
      {
        clientId: client.id,
        serviceId: massage.id,
        therapistId: sam.id,
        startsAt: at('2026-03-02 09:00'),
      },
      reception,
    )
    const waited = performance.now() - asked
    const stillWriting = core.imports.job(job.id).state === 'running'
    // The import's batch is not listed (nor undoable) until its last chunk is in.
    const listedMeanwhile = await rpc<unknown[]>(core, 'imports.batches', {})
    await core.imports.idle()
    loop.disable()

    expect(booked.ok).toBe(true)
    // It waited for a chunk at most, not for the import: answered while rows were still
    // going in. The bound is loose for a loaded machine; one transaction took seconds.
    expect(stillWriting).toBe(true)
    expect(waited).toBeLessThan(1_000)
    expect(loop.max / 1e6).toBeLessThan(1_000)
    expect(listedMeanwhile).toEqual([])

    const done = core.imports.job(job.id)
    expect(done).toMatchObject({ state: 'done', created: ROWS })
    expect(count(core, 'SELECT count(*) AS n FROM clients WHERE import_batch_id IS NOT NULL')).toBe(
      ROWS,
    )
    expect(
      count(
        core,
        `SELECT count(*) AS n FROM clients_search s JOIN clients c ON c.id = s.rowid
         WHERE c.import_batch_id IS NOT NULL`,
      ),
    ).toBe(ROWS)
    expect(
      count(core, `SELECT count(*) AS n FROM audit_log WHERE action = 'clients.imported'`),
    ).toBe(ROWS)
    // Each client's audit row names it by id, as text ('12', not '12.0').
    expect(
      count(
        core,
        `SELECT count(*) AS n FROM audit_log a JOIN clients c ON a.entity_id = CAST(c.id AS TEXT)
         WHERE a.action = 'clients.imported'`,
      ),
    ).toBe(ROWS)
    const batches = await rpc<{ id: string; created: number }[]>(core, 'imports.batches', {})
    expect(batches).toEqual([expect.objectContaining({ id: done.batchId, created: ROWS })])
    // And it undoes as a whole.
    await rpc(core, 'imports.undo', { batchId: done.batchId })
    expect(count(core, 'SELECT count(*) AS n FROM clients')).toBe(1)
  })

  it('takes back every chunk already written when a later chunk fails, and can run again', async () => {
    // Row 3,000 of the file (its Patient ID) fails to insert, after chunks have committed.
    const failing = String(1558354464010667075n + 3_000n)
    core.sqlite.exec(`CREATE TRIGGER boom BEFORE INSERT ON clients
      WHEN NEW.import_ref = '${failing}' BEGIN SELECT RAISE(ABORT, 'boom'); END`)
    const job = await startImport(core, ROWS)
    await core.imports.idle()
    expect(core.imports.job(job.id)).toMatchObject({
      state: 'failed',
      message: 'The import failed and nothing was saved. Try again, or check the file.',
    })
    expect(count(core, 'SELECT count(*) AS n FROM clients')).toBe(0)
    expect(count(core, 'SELECT count(*) AS n FROM clients_search')).toBe(0)
    expect(count(core, 'SELECT count(*) AS n FROM import_batches')).toBe(0)
    // The audit log is append-only: the entries of the rows taken back stay, and one says so.
    const failed = core.sqlite
      .prepare(`SELECT summary FROM audit_log WHERE action = 'imports.failed'`)
      .all() as { summary: string }[]
    expect(failed).toHaveLength(1)
    expect(failed[0]!.summary).toMatch(
      /stopped part way; the \d+ clients it had written were taken back/,
    )
    expect(
      count(core, `SELECT count(*) AS n FROM audit_log WHERE action = 'clients.imported'`),
    ).toBeGreaterThan(0)

    core.sqlite.exec('DROP TRIGGER boom')
    const again = await rpc<ImportJob>(core, 'imports.run', {
      importId: job.importId,
      includeDuplicates: true,
    })
    await core.imports.idle()
    expect(core.imports.job(again.id)).toMatchObject({ state: 'done', created: ROWS })
  })

  it('keeps, and lists, what staff worked on before the import failed', async () => {
    const batch = { id: 'b-1', fileName: 'old.csv', preset: 'generic', skipped: 0 }
    const actor = { userId: 1, username: 'owner-1', workstation: 'test' }
    await startImportBatch(core.db, 'clients', batch, 3, actor, NOW)
    const row = (n: number) => ({
      first_name: 'Imported',
      last_name: `Number${n}`,
      created_at: NOW.toISOString(),
      updated_at: NOW.toISOString(),
      import_batch_id: batch.id,
    })
    insertLinked(core.sqlite, {
      table: 'clients',
      items: [1, 2].map((n) => ({ row: row(n), linked: [] })),
    })
    const first = core.sqlite.prepare('SELECT min(id) AS id FROM clients').get() as { id: number }
    const booked = await call(
      core,
      'diary.book',
      {
        clientId: first.id,
        serviceId: massage.id,
        therapistId: sam.id,
        startsAt: at('2026-03-02 09:00'),
      },
      reception,
    )
    expect(booked.ok).toBe(true)

    const back = await rollBackImport(core.db, batch.id, actor, NOW)
    expect(back).toEqual({ removed: false, rows: 2 })
    expect(count(core, 'SELECT count(*) AS n FROM clients')).toBe(2)
    const listed = await rpc<{ id: string; created: number }[]>(core, 'imports.batches', {})
    expect(listed).toEqual([expect.objectContaining({ id: batch.id, created: 2 })])
  })
})

describe('chunk sizes', () => {
  it('move towards 50 ms a chunk, at most doubling or halving a step, within bounds', () => {
    expect(CHUNK_TARGET_MS).toBe(50)
    expect(nextChunkSize(200, 50)).toBe(200)
    expect(nextChunkSize(200, 40)).toBe(250)
    expect(nextChunkSize(200, 10)).toBe(400)
    expect(nextChunkSize(200, 100)).toBe(100)
    expect(nextChunkSize(200, 1_000)).toBe(100)
    expect(nextChunkSize(30, 1_000)).toBe(20)
    expect(nextChunkSize(4_000, 1)).toBe(5_000)
  })
})

describe('an import the app stopped in the middle of', () => {
  it('is taken back when the clinic file is next opened', async () => {
    const tmp = tempDir()
    const file = join(tmp.dir, 'clinic.sqlite')
    const key = newDatabaseKey()
    try {
      const first = await openCore({ file, key, log: silentLogger, now: () => NOW })
      const batch = { id: 'b-stopped', fileName: 'big.csv', preset: 'cliniko', skipped: 0 }
      const actor = { userId: 1, username: 'owner-1', workstation: 'test' }
      await startImportBatch(first.db, 'clients', batch, 50_000, actor, NOW)
      // Two chunks in, as a worker would have written them, then the app stops.
      for (const chunk of [0, 1]) {
        insertLinked(first.sqlite, {
          table: 'clients',
          items: [1, 2, 3].map((n) => ({
            row: {
              first_name: 'Half',
              last_name: `Imported${chunk}${n}`,
              created_at: NOW.toISOString(),
              updated_at: NOW.toISOString(),
              import_batch_id: batch.id,
            },
            linked: [
              {
                table: 'clients_search',
                idColumn: 'rowid',
                row: { names: `half imported${chunk}${n}`, contact: '', phones: '' },
              },
            ],
          })),
        })
      }
      await first.close()

      const next = await openCore({ file, key, log: silentLogger, now: () => NOW })
      try {
        const n = (sql: string) => (next.sqlite.prepare(sql).get() as { n: number }).n
        expect(n('SELECT count(*) AS n FROM clients')).toBe(0)
        expect(n('SELECT count(*) AS n FROM clients_search')).toBe(0)
        expect(n('SELECT count(*) AS n FROM import_batches')).toBe(0)
        expect(n(`SELECT count(*) AS n FROM audit_log WHERE action = 'imports.failed'`)).toBe(1)
      } finally {
        await next.close()
      }
    } finally {
      tmp.remove()
    }
  })
})
