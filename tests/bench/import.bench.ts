import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openCore, type PlinthCore } from '../../src/main/app-core'
import { newDatabaseKey } from '../../src/main/db/cipher'
import { silentLogger } from '../../src/main/log'
import type { Session } from '../../src/main/rpc/context'
import type { ImportJob } from '../../src/shared/contract/imports'
import { aClinikoExport } from '../fixtures/cliniko-export'
import type { Figure } from './measure'
import { bulkSeedClients } from './seed-clients'

const owner: Session = { userId: 0, username: 'bench', displayName: 'Bench', role: 'owner' }

async function rpcAs<T>(
  core: PlinthCore,
  session: Session,
  method: string,
  input: unknown,
): Promise<T> {
  const r = await core.router.call(method, input, session)
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
  return r.value as T
}

async function follow(core: PlinthCore, session: Session, job: ImportJob): Promise<ImportJob> {
  // Polls as the renderer does, so the figure includes answering progress requests.
  for (;;) {
    const now = await rpcAs<ImportJob>(core, session, 'imports.job', { id: job.id })
    if (now.state !== 'running') return now
    await new Promise((r) => setTimeout(r, 100))
  }
}

/**
 * 50,000 rows (the target: under 30 s) into a clinic that already has 20,000
 * clients, so every row's duplicate check searches a realistic table.
 */
export async function benchImport(rows = 50_000): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-bench-import-'))
  const core = await openCore({
    file: join(dir, 'clinic.sqlite'),
    key: newDatabaseKey(),
    log: silentLogger,
  })
  try {
    bulkSeedClients(core, 20_000)
    return await importRows(core, owner, rows)
  } finally {
    await core.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Imports `rows` generated patients through the router, as the renderer drives it. `text`:
 * the file, made beforehand by a caller that times main's event loop (making it with faker
 * takes seconds of this thread, which in the app is the renderer's reading of a file).
 */
export async function importRows(
  core: PlinthCore,
  session: Session,
  rows: number,
  text = aClinikoExport(rows),
): Promise<Figure[]> {
  const rpc = <T>(method: string, input: unknown) => rpcAs<T>(core, session, method, input)
  const t0 = performance.now()
  const opened = await rpc<{ importId: string; mapping: object }>('imports.open', {
    fileName: 'Patients-Cliniko-20260101.csv',
    text,
  })
  const t1 = performance.now()
  const checked = await follow(
    core,
    session,
    await rpc<ImportJob>('imports.check', { importId: opened.importId, mapping: opened.mapping }),
  )
  const t2 = performance.now()
  const done = await follow(
    core,
    session,
    await rpc<ImportJob>('imports.run', { importId: opened.importId, includeDuplicates: true }),
  )
  const t3 = performance.now()
  if (done.state !== 'done') throw new Error(`import failed: ${done.message}`)
  console.log(
    `import of ${rows.toLocaleString('en-GB')} rows (${(text.length / 1024 / 1024).toFixed(1)} MB): ` +
      `parse ${((t1 - t0) / 1000).toFixed(1)} s, check ${((t2 - t1) / 1000).toFixed(1)} s, ` +
      `import ${((t3 - t2) / 1000).toFixed(1)} s, total ${((t3 - t0) / 1000).toFixed(1)} s; ` +
      `${done.created} created, ${checked.report?.errors} rows refused, ` +
      `${checked.report?.duplicates} possible duplicates`,
  )
  const one = (name: string, ms: number, budgetMs?: number): Figure => ({
    name,
    runs: 1,
    medianMs: ms,
    p95Ms: ms,
    ...(budgetMs !== undefined ? { budgetMs } : {}),
  })
  return [
    one('import: parse and preview', t1 - t0),
    one('import: check every row (validation + duplicates)', t2 - t1),
    one('import: write', t3 - t2),
    one(`import: total, ${rows.toLocaleString('en-GB')} rows (budget 30 s)`, t3 - t0, 30_000),
  ]
}

// `npx tsx tests/bench/import.bench.ts` runs this bench alone.
if (process.argv[1]?.endsWith('import.bench.ts')) {
  const { printTable } = await import('./measure')
  printTable('client import', await benchImport())
}
