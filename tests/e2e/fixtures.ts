import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { openCore, type PlinthCore } from '../../src/main/app-core'
import { silentLogger } from '../../src/main/log'
import type { Role } from '../../src/shared/roles'
import { startWebServer, type WebServer } from '../../src/main/web/http-adapter'
import { aStaffMember } from '../fixtures/staff'
import { clinicNow, pinBrowserClock } from './clinic-clock'
import { testKey } from '../fixtures/test-key'

export interface Clinic {
  core: PlinthCore
  server: WebServer
  url: string
  /**
   * Opens the app as a member of staff with this role, at a screen ('#/settings').
   * Tests use this rather than signing in by hand, so they keep working as sign-in evolves.
   */
  open(page: Page, options?: { as?: Role; at?: string }): Promise<void>
}

/**
 * Each test gets its own clinic: a fresh SQLite file behind the real router and renderer,
 * and a page whose clock agrees with the router's (both pinned: see clinic-clock.ts).
 */
export const test = base.extend<{ clinic: Clinic; pinClock: boolean }>({
  /**
   * Off only for a test that drives time itself with Playwright's `page.clock` (the idle
   * lock): the two fakes of `Date` do not stack. Such a test installs `page.clock` at
   * `clinicNow()`.
   */
  pinClock: [true, { option: true }],
  page: async ({ page, pinClock }, use) => {
    if (pinClock) await page.addInitScript(pinBrowserClock, clinicNow() - Date.now())
    await use(page)
  },
  // Playwright reads fixture dependencies from the destructuring pattern: none here.
  // eslint-disable-next-line no-empty-pattern
  clinic: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'plinth-e2e-'))
    const core = await openCore({
      file: join(dir, 'clinic.sqlite'),
      key: testKey,
      log: silentLogger,
      now: () => new Date(clinicNow()),
    })
    const server = await startWebServer({
      connection: core.connect(),
      rendererDir: resolve('out/renderer'),
    })
    await use({
      core,
      server,
      url: server.url,
      async open(page, { as = 'owner', at = '' } = {}) {
        // Signs in on the server side: only the sign-in tests type passwords.
        server.connection.begin(await aStaffMember(core.db, as))
        await page.goto(`${server.url}${at}`)
        // The page's load event comes before the app has drawn its shell: keys pressed in
        // between (Ctrl+K and a name) reach no listener and are lost. A test starts once the
        // signed-in shell is on screen, as a person would.
        await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
      },
    })
    await server.close()
    await core.close()
    rmSync(dir, { recursive: true, force: true })
  },
})

export { expect }

const SCREENSHOTS = resolve('test-results/screenshots')

export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true })
}

/** No serious or critical accessibility violations on what is on screen. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([])
}
