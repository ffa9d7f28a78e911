// `npx tsx tests/bench/freezes-only.ts`: issue 19's freezes bench alone, on its own clinic of
// 100,000 clients and the diary bench's ten years of bookings (the full `npm run bench` runs
// it last, on its own clinic). PLINTH_BENCH_NO_DIARY=1 skips the bookings (a smaller file).
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { openCore } from '../../src/main/app-core'
import { newDatabaseKey } from '../../src/main/db/cipher'
import { silentLogger } from '../../src/main/log'
import type { Session } from '../../src/main/rpc/context'
import { seedDemoClinic } from '../../src/main/seed/demo-clinic'
import { benchDiary } from './diary.bench'
import { benchFreezes } from './freezes.bench'
import { printTable } from './measure'
import { bulkSeedClients } from './seed-clients'

const owner: Session = { userId: 0, username: 'bench', displayName: 'Bench', role: 'owner' }
const dir = mkdtempSync(join(tmpdir(), 'plinth-bench-freezes-'))
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
  console.log(`load average ${load()}`)
  await seedDemoClinic(core, { diary: false })
  bulkSeedClients(core, 100_000)
  if (!process.env['PLINTH_BENCH_NO_DIARY']) await benchDiary(core, owner)
  printTable('main thread during long work', await benchFreezes(core, owner))
  console.log(`load average ${load()}`)
} finally {
  await core.close()
  rmSync(dir, { recursive: true, force: true })
}
