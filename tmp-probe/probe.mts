import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openCore } from '../src/main/app-core'
import { newDatabaseKey } from '../src/main/db/cipher'
import { silentLogger } from '../src/main/log'
import { bulkSeedClients } from '../tests/bench/seed-clients'
const dir = mkdtempSync(join(tmpdir(), 'probe-'))
const core = await openCore({ file: join(dir, 'c.sqlite'), key: newDatabaseKey(), log: silentLogger })
bulkSeedClients(core, 100_000)
let stage = ''
let last = performance.now()
const gaps: string[] = []
const t = setInterval(() => { const n = performance.now(); if (n - last > 30) gaps.push(`${(n-last).toFixed(0)}ms @ ${stage}`); last = n }, 5)
const b = core.backups.startBackup()
for (;;) { const j = core.backups.job(b.id); stage = 'B ' + j.stage; if (j.state !== 'running') break; await new Promise(r => setTimeout(r, 5)) }
const name = core.backups.job(b.id).backupName!
const r = await core.backups.startRestore(name, undefined, core.backups.actorFor(null))
for (;;) { const j = core.backups.job(r.id); stage = 'R ' + j.stage; if (j.state !== 'running') { console.log(j.state, j.message); break }; await new Promise(r => setTimeout(r, 5)) }
clearInterval(t)
console.log(gaps.join('\n'))
await core.close(); rmSync(dir, { recursive: true, force: true })
