import type { PlinthCore } from '../../src/main/app-core'
import type { Session } from '../../src/main/rpc/context'
import type { WebServer } from '../../src/main/web/http-adapter'
import { measure, type Figure } from './measure'

/** One contract read three ways: raw prepared statement, router, and HTTP adapter. */
export async function benchSettingsRead(
  core: PlinthCore,
  server: WebServer,
  session: Session,
): Promise<Figure[]> {
  const raw = core.sqlite.prepare('SELECT * FROM clinic_settings WHERE id = 1')
  const rpcUrl = new URL('/__plinth/rpc', server.url)
  return [
    await measure('settings.get · raw better-sqlite3 statement', 1000, () => raw.get()),
    await measure('settings.get · router (zod + role + transaction + Kysely)', 1000, () =>
      core.router.call('settings.get', {}, session),
    ),
    await measure('settings.get · HTTP adapter round trip', 1000, async () => {
      const res = await fetch(rpcUrl, {
        method: 'POST',
        // The page's cookie as well as its token, as a loaded page sends them (page-key.ts).
        headers: {
          'content-type': 'application/json',
          'x-plinth-token': server.token,
          cookie: server.cookie,
        },
        body: JSON.stringify({ method: 'settings.get', input: {} }),
      })
      await res.json()
    }),
  ]
}
