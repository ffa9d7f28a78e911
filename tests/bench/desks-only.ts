// `npx tsx tests/bench/desks-only.ts`: the desk link's budgets alone (call and push over
// loopback TLS, then the 10-desk soak; PLINTH_SOAK_SECONDS=60 for a short one, 0 for none). The full
// `npm run bench` runs them too.
import { loadavg } from 'node:os'
import { benchDeskLink } from './desks.bench'
import { benchDeskSoak, SOAK_SECONDS } from './desks-soak.bench'
import { printTable } from './measure'

const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')}`
console.log(`desk bench starting; ${load()}`)
const figures = await benchDeskLink()
printTable('desk link (budgets: call p95 5 ms, push p95 200 ms)', figures)
// PLINTH_SOAK_SECONDS=0: the call and push budgets only.
const soak = SOAK_SECONDS > 0 ? await benchDeskSoak() : null
if (soak) {
  printTable('desk soak', soak.figures)
  console.log(soak.summary)
}
console.log(`desk bench finished; ${load()}`)
const over = figures.filter((f) => f.budgetMs !== undefined && f.p95Ms > f.budgetMs)
if (over.length > 0 || (soak && !/, 0 errors,/.test(soak.summary))) process.exitCode = 1
