// `npx tsx tests/bench/messages-only.ts`: the messages bench alone (the full `npm run bench`
// runs it too).
import { printTable } from './measure'
import { benchMessages } from './messages.bench'

const figures = await benchMessages()
printTable('messages (issue 16)', figures)
if (figures.some((f) => f.budgetMs !== undefined && f.p95Ms > f.budgetMs)) process.exitCode = 1
