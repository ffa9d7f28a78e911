// `npx tsx tests/bench/runners-only.ts`: the runners' progress bench alone, on its own clinic
// (the full `npm run bench` runs it too).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openCore } from '../../src/main/app-core'
import { headlessKey } from '../../src/main/cli/headless-key'
import { silentLogger } from '../../src/main/log'
import { seedDemoClinic } from '../../src/main/seed/demo-clinic'
import { aStaffMember } from '../fixtures/staff'
import { keyFileArgument } from './key-argument'
import { printTable } from './measure'
import { benchRunners } from './runners.bench'

const dir = mkdtempSync(join(tmpdir(), 'plinth-bench-runners-'))
const file = join(dir, 'clinic.sqlite')
const core = await openCore({
  file,
  key: headlessKey(file, { keyFile: keyFileArgument(), say: (line) => console.log(line) }),
  log: silentLogger,
})
try {
  await seedDemoClinic(core, { diary: false, clients: 20 })
  const owner = await aStaffMember(core.db, 'owner')
  const figures = await benchRunners(core, owner)
  printTable('runners', figures)
  if (figures.some((f) => f.budgetMs !== undefined && f.p95Ms > f.budgetMs)) process.exitCode = 1
} finally {
  await core.close()
  rmSync(dir, { recursive: true, force: true })
}
