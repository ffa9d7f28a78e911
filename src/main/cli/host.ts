// `npm run host -- --db FILE --port N [--bind ADDRESS] [--no-announce] [--key-file FILE]`: a
// headless host for a small always-on PC. Prints "Pairing code: …" and "Fingerprint: …" lines
// on stdout (issue 15), and a new "Pairing code:" line each time one runs out or is used.
// The key: PLINTH_DB_KEY, --key-file, or the key file beside the clinic file (issue 12).
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { openCore } from '../app-core'
import { publishHost } from '../link/discovery'
import { DEFAULT_HOST_PORT } from '../link/wire'
import { consoleLogger } from '../log'
import { startBackupSchedule } from '../services/backups/schedule'
import { PAIRING_CODE_TTL_MS } from '../services/desks/pairing-codes'
import { RESTORE_HEADLESS, exitWithMessage } from './exit-with-message'
import { headlessKey, KEY_FILE_OPTION, KEY_USAGE } from './headless-key'

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    port: { type: 'string', default: String(DEFAULT_HOST_PORT) },
    bind: { type: 'string' },
    'no-announce': { type: 'boolean', default: false },
    ...KEY_FILE_OPTION,
  },
})

const port = Number(values.port)
if (!values.db || !Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error('Usage: npm run host -- --db /path/to/clinic.sqlite --port 47150 [--key-file FILE]')
  console.error(KEY_USAGE)
  process.exit(2)
}

const file = resolve(values.db)
const core = await exitWithMessage(() =>
  openCore({
    file,
    key: headlessKey(file, { keyFile: values['key-file'], say: (line) => console.log(line) }),
    ...(values.bind ? { deskBindAddress: values.bind } : {}),
  }),
)
let unpublish: (() => Promise<void>) | null = null
if (!values['no-announce']) {
  core.deskHost.onListening = (listening) => {
    void unpublish?.()
    unpublish = listening ? publishHost(listening.port, listening.clinicName) : null
  }
}
const started = await core.deskHost.start(port)
const schedule = startBackupSchedule(core.backups, { log: consoleLogger })

function showCode(): void {
  const { code, expiresAt } = core.deskHost.codes.issue()
  console.log(`Pairing code: ${code}`)
  console.log(`  (valid until ${expiresAt.toISOString()}; a new one is printed then)`)
}

// The integrity check runs in the background (schedule.ts): say once, plainly, what to do
// when it finds damage, instead of leaving the owner with SQLite's own lines.
const damageWatch = setInterval(() => {
  if (!core.backups.integrityFailed()) return
  clearInterval(damageWatch)
  console.error(
    `The clinic database ${core.file} is damaged. Nothing more is written to it and pairing is paused; desks can sign in only as the owner, to restore a backup (Settings → Backups).`,
  )
  console.error(`Or stop this host (Ctrl+C). ${RESTORE_HEADLESS}`)
}, 2_000)
damageWatch.unref()

console.log(`Plinth is hosting ${core.file}`)
console.log(`Listening on port ${started.port}${values.bind ? ` (${values.bind} only)` : ''}`)
console.log(`Fingerprint: ${started.fingerprint}`)
showCode()
// A fresh code whenever the last one runs out or a desk has used it, so the next desk can
// be paired at any time.
let renew = setInterval(showCode, PAIRING_CODE_TTL_MS)
core.changes.subscribe((event) => {
  if (event.method !== 'network.pair') return
  clearInterval(renew)
  showCode()
  renew = setInterval(showCode, PAIRING_CODE_TTL_MS)
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    clearInterval(renew)
    void schedule
      .stop()
      .catch(() => undefined)
      .then(() => unpublish?.())
      .then(() => core.close())
      .then(() => process.exit(0))
  })
}
