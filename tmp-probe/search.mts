import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir, loadavg } from 'node:os'
import { join } from 'node:path'
import { openCore } from '../src/main/app-core'
import { newDatabaseKey } from '../src/main/db/cipher'
import { silentLogger } from '../src/main/log'
import { bulkSeedClients } from '../tests/bench/seed-clients'
import { benchSearchStatistics } from '../tests/bench/search-stats.bench'
import { printTable } from '../tests/bench/measure'
const owner = { userId: 0, username: 'bench', displayName: 'Bench', role: 'owner' as const }
const dir = mkdtempSync(join(tmpdir(), 'probe-'))
const core = await openCore({ file: join(dir, 'c.sqlite'), key: newDatabaseKey(), log: silentLogger })
console.log('load', loadavg())
bulkSeedClients(core, 100_000)
printTable('search', await benchSearchStatistics(core, owner, '100,000 clients'))
console.log('load', loadavg())
await core.close(); rmSync(dir, { recursive: true, force: true })
