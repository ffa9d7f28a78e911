// `npx tsx tests/bench/import-freeze-only.ts [clients]`: issue 19's 50,000-row import alone on
// a clinic of 100,000 clients (no bookings), printing main's event-loop delay and every
// stall of the loop over 30 ms and when (the import prints when each stage ended), to find
// what still blocks.
import { aClinikoExport } from '../fixtures/cliniko-export'
import { benchOwner, loadNote, withBenchClinic } from './bench-clinic'
import { importRows } from './import.bench'
import { duringWork, loopFigures, stallLines } from './loop-delay'
import { printTable } from './measure'
import { bulkSeedClients } from './seed-clients'

await withBenchClinic('import-freeze', async (core) => {
  bulkSeedClients(core, Number(process.argv[2] ?? 100_000))
  console.log(`seeded; ${loadNote()}`)
  const file = aClinikoExport(50_000)
  const d = await duringWork(
    () => importRows(core, benchOwner, 50_000, file),
    async () => true,
  )
  console.log(`stalls over 30 ms:\n${stallLines(d)}`)
  printTable(`import (${loadNote()})`, loopFigures('import of 50,000 rows', d, 'nothing'))
})
