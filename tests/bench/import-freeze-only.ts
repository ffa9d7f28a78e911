// `npx tsx tests/bench/import-freeze-only.ts [clients]`: issue 19's 50,000-row import alone on
// a clinic of 100,000 clients (no bookings), printing main's event-loop delay and every
// stall of the loop over 30 ms and when (the import prints when each stage ended), to find what still blocks.
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openCore } from '../../src/main/app-core'
import { newDatabaseKey } from '../../src/main/db/cipher'
import { silentLogger } from '../../src/main/log'
import type { Session } from '../../src/main/rpc/context'
import { aClinikoExport } from '../fixtures/cliniko-export'
import { importRows } from './import.bench'
import { duringWork, loopFigures } from './loop-delay'
import { printTable } from './measure'
import { bulkSeedClients } from './seed-clients'

const owner: Session = { userId: 0, username: 'bench', displayName: 'Bench', role: 'owner' }
const dir = mkdtempSync(join(tmpdir(), 'plinth-bench-import-freeze-'))
const core = await openCore({
  file: join(dir, 'clinic.sqlite'),
  key: newDatabaseKey(),
  log: silentLogger,
})
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')
try {
  bulkSeedClients(core, Number(process.argv[2] ?? 100_000))
  console.log(`seeded; load average ${load()}`)
  const stalls: string[] = []
  const file = aClinikoExport(50_000)
  let last = performance.now()
  const start = last
  const watch = setInterval(() => {
    const now = performance.now()
    if (now - last > 30)
      stalls.push(`at ${((last - start) / 1000).toFixed(1)} s: ${(now - last).toFixed(0)} ms`)
    last = now
  }, 5)
  const d = await duringWork(
    () => importRows(core, owner, 50_000, file),
    async () => true,
  )
  clearInterval(watch)
  console.log(`stalls over 30 ms:\n${stalls.join('\n')}`)
  printTable('import', loopFigures('import of 50,000 rows', d, 'nothing'))
  console.log(`load average ${load()}`)
} finally {
  await core.close()
  rmSync(dir, { recursive: true, force: true })
}
