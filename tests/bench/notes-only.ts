// `npx tsx tests/bench/notes-only.ts`: the notes bench alone, on its own clinic (the full
// `npm run bench` runs it too, after the diary and clients benches).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openCore } from '../../src/main/app-core'
import { headlessKey } from '../../src/main/cli/headless-key'
import { keyFileArgument } from './key-argument'
import { silentLogger } from '../../src/main/log'
import type { Session } from '../../src/main/rpc/context'
import { seedDemoClinic } from '../../src/main/seed/demo-clinic'
import { printTable } from './measure'
import { benchNotes } from './notes.bench'
import { bulkSeedClients } from './seed-clients'

const owner: Session = { userId: 0, username: 'bench', displayName: 'Bench', role: 'owner' }
const dir = mkdtempSync(join(tmpdir(), 'plinth-bench-notes-'))
// As a headless command: the key from PLINTH_DB_KEY or --key-file, else a key file made
// beside the new clinic file (issue 12).
const file = join(dir, 'clinic.sqlite')
const core = await openCore({
  file,
  key: headlessKey(file, { keyFile: keyFileArgument(), say: (line) => console.log(line) }),
  log: silentLogger,
})
try {
  await seedDemoClinic(core, { diary: false, clients: 20 })
  bulkSeedClients(core, 20_000)
  const figures = await benchNotes(core, owner)
  printTable('treatment notes', figures)
  const over = figures.filter((f) => f.budgetMs !== undefined && f.p95Ms > f.budgetMs)
  if (over.length > 0) process.exitCode = 1
} finally {
  await core.close()
  rmSync(dir, { recursive: true, force: true })
}
