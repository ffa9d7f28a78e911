// `npm run serve:web -- --db FILE [--port 5199] [--key-file FILE]`: Plinth in a browser, on
// 127.0.0.1 only. The key: PLINTH_DB_KEY, --key-file, or the key file beside the clinic file.
// `npm run serve:web -- --join https://HOST:N --code CODE [--name NAME] [--port M]`: a desk in a
// browser (issue 15): pairs with the host, prints its fingerprint, and forwards every call.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { PlinthCore } from '../app-core'
import { hostSideOf, openClinicForWindow } from '../link/host-side'
import { DeskLink, hostUrl, pairWithHost, probeHost } from '../link/desk-client'
import { memoryDeskStore } from '../link/desk-store'
import { LinkShell } from '../link/link-shell'
import { processKeyCipher } from '../link/sealed-file'
import { DEFAULT_HOST_PORT } from '../link/wire'
import { startWebServer } from './http-adapter'
import { exitWithMessage } from '../cli/exit-with-message'
import { headlessKey, KEY_FILE_OPTION, KEY_USAGE } from '../cli/headless-key'

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    join: { type: 'string' },
    code: { type: 'string' },
    name: { type: 'string', default: `${hostname()} (browser)` },
    port: { type: 'string', default: '5199' },
    'keep-dir': { type: 'string' },
    renderer: { type: 'string', default: 'out/renderer' },
    ...KEY_FILE_OPTION,
  },
})

if (!values.db === !values.join || (values.join && !values.code)) {
  console.error('Usage: npm run serve:web -- --db /path/to/clinic.sqlite [--port 5199]')
  console.error('   or: npm run serve:web -- --join https://HOST:47150 --code CODE [--port 5199]')
  console.error(KEY_USAGE)
  process.exit(2)
}
const rendererDir = resolve(values.renderer)
if (!existsSync(resolve(rendererDir, 'index.html'))) {
  console.error(`No built renderer in ${rendererDir}. Run "npm run build" first.`)
  process.exit(2)
}

async function joinHost(address: string, code: string): Promise<DeskLink> {
  const probe = await probeHost(hostUrl(address, DEFAULT_HOST_PORT))
  if (!probe.ok) throw new Error(probe.error.message)
  console.log(`Host: ${probe.value.clinicName} at ${probe.value.url}`)
  console.log(`Fingerprint: ${probe.value.fingerprint} (compare it with the host's screen)`)
  const paired = await pairWithHost(probe.value, code, values.name)
  if (!paired.ok) throw new Error(paired.error.message)
  return new DeskLink(paired.value)
}

let shutdown: () => Promise<void>
if (values.join) {
  const link = await joinHost(values.join, values.code!).catch((error: Error) => {
    console.error(error.message)
    process.exit(1)
  })
  // What the desk keeps while the host is away is sealed with a key only this process holds
  // (see processKeyCipher): it outlives the host's absence, not this process.
  const keepDir = values['keep-dir']
    ? resolve(values['keep-dir'])
    : mkdtempSync(join(tmpdir(), 'plinth-desk-'))
  mkdirSync(keepDir, { recursive: true, mode: 0o700 })
  // The same shell as the Electron desk: link.info says "desk", calls go to the host.
  const shell = await LinkShell.start({
    store: memoryDeskStore(link.credentials),
    keep: { dir: keepDir, cipher: processKeyCipher() },
    hasClinicHere: false,
    openHost: () => Promise.reject(new Error('A browser desk cannot host')),
  })
  link.close()
  const server = await startWebServer({
    connection: shell,
    rendererDir,
    port: Number(values.port),
    push: shell.push,
  })
  console.log(`Plinth desk "${values.name}" is joined to ${link.credentials.url}`)
  console.log(`Keeping typing sealed in ${keepDir} while the host is away`)
  console.log(`Open ${server.url} (127.0.0.1 only; Ctrl+C to stop)`)
  shutdown = async () => {
    await server.close()
    shell.close()
    // Sealed with this process's key: unreadable once it ends, so not left lying about.
    if (!values['keep-dir']) rmSync(keepDir, { recursive: true, force: true })
  }
} else {
  const file = resolve(values.db!)
  const key = await exitWithMessage(() =>
    headlessKey(file, { keyFile: values['key-file'], say: (line) => console.log(line) }),
  )
  let core: PlinthCore | null = null
  // The same shell as the Electron host: a missing or damaged clinic file shows the rescue
  // screen in the browser instead of quitting (issue 12).
  const shell = await exitWithMessage(() =>
    LinkShell.start({
      store: memoryDeskStore(),
      hasClinicHere: true,
      openHost: async (opening = {}) => {
        core = await openClinicForWindow({
          file,
          key,
          ...(opening.rescue ? { rescue: opening.rescue } : {}),
        })
        return hostSideOf(core)
      },
    }),
  )
  const server = await startWebServer({
    connection: shell,
    rendererDir,
    port: Number(values.port),
    push: shell.push,
  })
  console.log(
    core
      ? `Plinth is serving ${file}`
      : `The clinic file ${file} is missing or will not open: the page offers its backups`,
  )
  console.log(`Open ${server.url} (127.0.0.1 only; Ctrl+C to stop)`)
  shutdown = async () => {
    await server.close()
    shell.close()
    await (core as PlinthCore | null)?.close()
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void shutdown().then(() => process.exit(0)))
}
