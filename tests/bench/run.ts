// `npm run bench`: seeds a clinic in a temp folder and prints latency tables.
// Performance is asserted here, never in timed unit tests.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { openCore } from '../../src/main/app-core'
import { headlessKey } from '../../src/main/cli/headless-key'
import { keyFileArgument } from './key-argument'
import { silentLogger } from '../../src/main/log'
import type { Session } from '../../src/main/rpc/context'
import { seedDemoClinic } from '../../src/main/seed/demo-clinic'
import { startWebServer } from '../../src/main/web/http-adapter'
import { printTable, type Figure } from './measure'
import { benchBackups } from './backups.bench'
import { aStaffMember } from '../fixtures/staff'
import { benchDiary } from './diary.bench'
import { benchDiaryChromium } from './diary-chromium.bench'
import { benchNotes, NOTE_COUNT } from './notes.bench'
import { benchRunners } from './runners.bench'
import { benchMoney, INVOICE_COUNT } from './money.bench'
import { benchReports, REPORTS_SCALE } from './reports.bench'
import { benchSettingsRead } from './settings.bench'
import { benchDeskLink } from './desks.bench'
import { benchEncryption } from './encryption.bench'
import { benchDeskSoak } from './desks-soak.bench'
import { benchMessages } from './messages.bench'
import {
  benchClientSearch,
  benchLookupInChromium,
  CLIENT_COUNT,
  rendererBuilt,
} from './clients.bench'
import { bulkSeedClients } from './seed-clients'
import { benchSearchAtMillion, benchSearchStatistics } from './search-stats.bench'
import { benchFreezes } from './freezes.bench'
import { benchStartup } from './startup.bench'
import { benchOwner, loadNote } from './bench-clinic'

const owner: Session = benchOwner
const dir = mkdtempSync(join(tmpdir(), 'plinth-bench-'))
// As a headless command: the key from PLINTH_DB_KEY or --key-file, else a key file made
// beside the new clinic file (issue 12).
const file = join(dir, 'clinic.sqlite')
const core = await openCore({
  file,
  key: headlessKey(file, { keyFile: keyFileArgument(), say: (line) => console.log(line) }),
  log: silentLogger,
})
// The adapter serves the renderer; the bench only needs its RPC endpoint, so any folder
// with an index.html will do when the app has not been built.
const rendererDir = join(dir, 'renderer')
mkdirSync(rendererDir)
writeFileSync(join(rendererDir, 'index.html'), '<html><head><script></script></head></html>')
const connection = core.connect()
// A real account: a window's session is checked against the users table on every call.
connection.begin(await aStaffMember(core.db, 'owner'))
const server = await startWebServer({ connection, rendererDir })

console.log(`bench starting; ${loadNote()}`)

const report: Record<string, Figure[]> = {}
try {
  await seedDemoClinic(core, { diary: false })
  report['contract call'] = await benchSettingsRead(core, server, owner)
  report['desk link (budgets: call p95 5 ms, push p95 200 ms)'] = await benchDeskLink()
  const soak = await benchDeskSoak()
  report['desk soak (budget: 0 errors, host RSS stable)'] = soak.figures
  console.log(soak.summary)
  report['messages (budgets: queue p95 1 ms, 1,000 e-mails 60 s)'] = await benchMessages()
  report['backups'] = await benchBackups()
  report['encryption at rest: encrypted / plain'] = await benchEncryption()
  const seedStart = performance.now()
  bulkSeedClients(core, CLIENT_COUNT)
  console.log(
    `seeded ${CLIENT_COUNT.toLocaleString('en-GB')} clients in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  )
  const clients = `${CLIENT_COUNT.toLocaleString('en-GB')} clients`
  // Production's state first: no fresh ANALYZE (issue 19), then after the app's optimize.
  report[`client search without fresh ANALYZE, ${clients} (p95 budget 5 ms)`] =
    await benchSearchStatistics(core, owner, clients)
  if (process.env['PLINTH_BENCH_1M']) {
    report['client search without fresh ANALYZE, 1,000,000 clients'] =
      await benchSearchAtMillion(owner)
  } else console.log('1M-client search skipped: set PLINTH_BENCH_1M=1 to run it (minutes)')
  report[`client search, ${clients} (p95 budget 5 ms)`] = await benchClientSearch(core, owner)
  report[`treatment notes, ${NOTE_COUNT.toLocaleString('en-GB')} notes`] = await benchNotes(
    core,
    owner,
  )
  report['runners’ progress (p95 budget 30 ms)'] = await benchRunners(core, owner)
  if (rendererBuilt()) {
    report['client lookup in the renderer (p95 budget 50 ms)'] = await benchLookupInChromium(
      core,
      owner,
    )
  } else {
    console.log(
      '\nSkipped the Chromium keystroke bench: out/renderer is missing. Run `npx electron-vite build` first.',
    )
  }
  report['diary'] = await benchDiary(core, owner)
  report[`money, ${INVOICE_COUNT.toLocaleString('en-GB')} invoices`] = await benchMoney(core, owner)
  const startup = await benchStartup()
  if (startup) report['start-up and memory of the main process'] = startup
  report[
    `reports, one year each (scale ${REPORTS_SCALE} of 500,000 appointments / 200,000 invoices; p95 budget 200 ms)`
  ] = await benchReports()
  const inChromium = await benchDiaryChromium()
  if (inChromium) report['diary in Chromium'] = inChromium
  // Last: the restore swaps this clinic's file and the import adds 50,000 clients to it.
  report[`main thread during long work, full clinic (${loadNote()})`] = await benchFreezes(
    core,
    owner,
  )
  for (const [title, figures] of Object.entries(report)) printTable(title, figures)
  console.log(`\nbench finished; ${loadNote()}`)
  mkdirSync(resolve('test-results'), { recursive: true })
  writeFileSync(resolve('test-results/bench.json'), JSON.stringify(report, null, 2))
} finally {
  await server.close()
  await core.close()
  rmSync(dir, { recursive: true, force: true })
}
const over = Object.values(report)
  .flat()
  .filter((f) => f.budgetMs !== undefined && f.p95Ms > f.budgetMs)
if (over.length > 0) {
  console.error(`\nOver budget: ${over.map((f) => f.name).join('; ')}`)
  process.exit(1)
}
