// `npx tsx tests/bench/search-1m-only.ts`: issue 19's client search at 1,000,000 clients
// without a fresh ANALYZE (then after the app's own optimize), on a clinic of its own
// seeded with clients only (what the search reads). `npm run bench` runs it with
// PLINTH_BENCH_1M=1.
import { benchOwner, loadNote } from './bench-clinic'
import { printTable } from './measure'
import { benchSearchAtMillion } from './search-stats.bench'

console.log(loadNote())
printTable(
  `client search without fresh ANALYZE, 1,000,000 clients (${loadNote()})`,
  await benchSearchAtMillion(benchOwner),
)
console.log(loadNote())
