// `npx tsx tests/bench/freezes-only.ts`: issue 19's freezes bench alone, on its own clinic of
// 100,000 clients and the diary bench's ten years of bookings, grown to the 603 MB
// (the full `npm run bench` runs it last, on its own clinic). PLINTH_BENCH_NO_DIARY=1 skips
// the bookings (a smaller file); PLINTH_BENCH_FREEZE_MB sets the size (0: as seeded).
import { seedDemoClinic } from '../../src/main/seed/demo-clinic'
import { benchOwner, loadNote, withBenchClinic } from './bench-clinic'
import { benchDiary } from './diary.bench'
import { benchFreezes } from './freezes.bench'
import { printTable } from './measure'
import { bulkSeedClients } from './seed-clients'

await withBenchClinic('freezes', async (core) => {
  console.log(loadNote())
  await seedDemoClinic(core, { diary: false })
  bulkSeedClients(core, 100_000)
  if (!process.env['PLINTH_BENCH_NO_DIARY']) await benchDiary(core, benchOwner)
  printTable(`main thread during long work (${loadNote()})`, await benchFreezes(core, benchOwner))
  console.log(loadNote())
})
