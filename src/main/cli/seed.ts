// `npm run seed -- --db FILE [--key-file FILE]`: fills a clinic database with realistic en-GB
// demo data. The key: PLINTH_DB_KEY, --key-file, or a key file made beside a new clinic file.
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { openCore } from '../app-core'
import { seedDemoClinic } from '../seed/demo-clinic'
import { DEMO_LOGINS } from '../seed/demo-logins'
import { headlessKey, KEY_FILE_OPTION, KEY_USAGE } from './headless-key'
import { exitWithMessage, explained } from './exit-with-message'

const { values } = parseArgs({
  options: { db: { type: 'string' }, seed: { type: 'string' }, ...KEY_FILE_OPTION },
})
if (!values.db) {
  console.error('Usage: npm run seed -- --db /path/to/clinic.sqlite [--seed 42] [--key-file FILE]')
  console.error(KEY_USAGE)
  process.exit(2)
}
const file = resolve(values.db)
const core = await exitWithMessage(() =>
  openCore({
    file,
    key: headlessKey(file, { keyFile: values['key-file'], say: (line) => console.log(line) }),
    // The demo's mail server and gateway do not exist: seeding sends nothing.
    sendMessages: false,
  }),
)
// A file that has a clinic already is refused before anything is written (one line, exit 1).
let seeded: boolean | undefined
try {
  seeded = await explained(() =>
    seedDemoClinic(core, {
      history: true,
      logins: true,
      ...(values.seed ? { seed: Number(values.seed) } : {}),
    }),
  )
  if (seeded) {
    console.log(`Seeded the demo clinic into ${core.file}`)
    const { owner, therapist } = DEMO_LOGINS
    console.log(
      `Sign in as the owner (${owner.username} / ${owner.password}) or as a therapist (${therapist.username} / ${therapist.password}).`,
    )
  }
} finally {
  await core.close()
}
if (!seeded) process.exit(1)
