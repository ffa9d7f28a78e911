// `npx tsx tests/bench/diary-chromium-only.ts` (after `npx electron-vite build`): the diary's
// Chromium bench alone, for profiling week navigation and drag-and-drop without the rest.
import { printTable } from './measure'
import { benchDiaryChromium } from './diary-chromium.bench'

const figures = await benchDiaryChromium()
if (figures) {
  printTable('diary in Chromium', figures)
  if (figures.some((f) => f.budgetMs !== undefined && f.p95Ms > f.budgetMs)) process.exitCode = 1
}
