// `npm run serve:web -- --db FILE [--port 5199]`: Plinth in a browser, on 127.0.0.1 only.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { openCore } from '../app-core'
import { startWebServer } from './http-adapter'

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    port: { type: 'string', default: '5199' },
    renderer: { type: 'string', default: 'out/renderer' },
  },
})

if (!values.db) {
  console.error('Usage: npm run serve:web -- --db /path/to/clinic.sqlite [--port 5199]')
  process.exit(2)
}
const rendererDir = resolve(values.renderer)
if (!existsSync(resolve(rendererDir, 'index.html'))) {
  console.error(`No built renderer in ${rendererDir}. Run "npm run build" first.`)
  process.exit(2)
}

const core = await openCore({ file: resolve(values.db) })
const server = await startWebServer({
  connection: core.connect(),
  rendererDir,
  port: Number(values.port),
})
console.log(`Plinth is serving ${core.file}`)
console.log(`Open ${server.url} (127.0.0.1 only; Ctrl+C to stop)`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void server
      .close()
      .then(() => core.close())
      .then(() => process.exit(0))
  })
}
