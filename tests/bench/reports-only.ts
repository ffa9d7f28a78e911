// `npx tsx tests/bench/reports-only.ts`: the reports bench alone, on its own clinic (the full
// `npm run bench` runs it too). PLINTH_BENCH_REPORTS_SCALE=0.1 seeds a tenth of the issue's
// scale (500,000 appointments, 200,000 invoices) on a slow machine.
import { execSync } from 'node:child_process'
import { printTable } from './measure'
import { benchReports, REPORTS_SCALE } from './reports.bench'

const figures = await benchReports()
printTable(`reports, scale ${REPORTS_SCALE} of 500,000 appointments / 200,000 invoices`, figures)
// The machine is shared: the load says how far to trust the figures.
console.log(`load: ${execSync('uptime').toString().trim()}`)
if (figures.some((f) => f.budgetMs !== undefined && f.p95Ms > f.budgetMs)) process.exitCode = 1
