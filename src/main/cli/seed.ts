// `npm run seed -- --db FILE`: fills a clinic database with realistic en-GB demo data.
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { openCore } from '../app-core'
import { seedDemoClinic } from '../seed/demo-clinic'

const { values } = parseArgs({
  options: { db: { type: 'string' }, seed: { type: 'string' } },
})
if (!values.db) {
  console.error('Usage: npm run seed -- --db /path/to/clinic.sqlite [--seed 42]')
  process.exit(2)
}
const core = await openCore({ file: resolve(values.db) })
try {
  await seedDemoClinic(core, values.seed ? { seed: Number(values.seed) } : {})
  console.log(`Seeded the demo clinic into ${core.file}`)
} finally {
  await core.close()
}
