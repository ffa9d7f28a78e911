// `npx tsx tests/bench/desks-only.ts`: the desk link's budgets alone (call and push over
// loopback TLS, then the 10-desk soak; PLINTH_SOAK_SECONDS=60 for a short one). The full
// `npm run bench` runs them too.
import { loadavg } from 'node:os'
import { benchDeskLink } from './desks.bench'
import { benchDeskSoak } from './desks-soak.bench'
import { printTable } from './measure'

const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')}`
console.log(`desk bench starting; ${load()}`)
const figures = await benchDeskLink()
printTable('desk link (budgets: call p95 5 ms, push p95 200 ms)', figures)
const soak = await benchDeskSoak()
printTable('desk soak', soak.figures)
console.log(soak.summary)
console.log(`desk bench finished; ${load()}`)
const over = figures.filter((f) => f.budgetMs !== undefined && f.p95Ms > f.budgetMs)
if (over.length > 0 || !/, 0 errors,/.test(soak.summary)) process.exitCode = 1
