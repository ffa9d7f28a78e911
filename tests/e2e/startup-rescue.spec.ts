import { readdirSync, rmSync, statSync, truncateSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { openCore, type PlinthCore } from '../../src/main/app-core'
import { hostSideOf, openClinicForWindow } from '../../src/main/link/host-side'
import { memoryDeskStore } from '../../src/main/link/desk-store'
import { LinkShell } from '../../src/main/link/link-shell'
import { silentLogger } from '../../src/main/log'
import { startWebServer, type WebServer } from '../../src/main/web/http-adapter'
import { aClient } from '../fixtures/clients'
import { aStaffMember } from '../fixtures/staff'
import { tempDir } from '../fixtures/temp-core'
import { testKey } from '../fixtures/test-key'
import { clinicNow } from './clinic-clock'
import { expect, expectAccessible, snap, test } from './fixtures'

// Issue 12 in the browser: a clinic file that is missing (with backups beside it) or will
// not open is not replaced by an empty clinic; the page offers the newest backup.

const now = () => new Date(clinicNow())

/** A clinic with an owner and Priya Shah, backed up and closed. */
async function aBackedUpClinic(dir: string): Promise<string> {
  const file = join(dir, 'plinth.sqlite')
  const core = await openCore({ file, key: testKey, log: silentLogger, now })
  await aStaffMember(core.db, 'owner')
  await aClient().named('Priya', 'Shah').in(core)
  await core.backups.backup('manual')
  await core.close()
  return file
}

/** What `serve:web --db` does: the same shell as the Electron host, over the loopback adapter. */
async function serveClinic(file: string) {
  const cores: PlinthCore[] = []
  const shell = await LinkShell.start({
    store: memoryDeskStore(),
    hasClinicHere: true,
    openHost: async (opening = {}) => {
      const core = await openClinicForWindow({
        file,
        key: testKey,
        log: silentLogger,
        now,
        ...(opening.rescue ? { rescue: opening.rescue } : {}),
      })
      cores.push(core)
      return hostSideOf(core)
    },
  })
  const web: WebServer<LinkShell> = await startWebServer({
    connection: shell,
    rendererDir: resolve('out/renderer'),
    push: shell.push,
  })
  return {
    web,
    cores,
    async close() {
      await web.close()
      shell.close()
      for (const core of cores) await core.close()
    },
  }
}

test('a clinic file cut short: the page says so, restores the newest backup and keeps the damaged file', async ({
  page,
}) => {
  const tmp = tempDir('plinth-e2e-')
  const file = await aBackedUpClinic(tmp.dir)
  truncateSync(file, Math.floor(statSync(file).size / 2))
  const served = await serveClinic(file)
  try {
    await page.goto(served.web.url)
    await expect(
      page.getByRole('heading', { name: 'The clinic database will not open' }),
    ).toBeVisible()
    await expect(page.getByText('database disk image is malformed')).toBeVisible()
    await expect(page.getByLabel('Backup to restore')).toContainText('1 client')
    await expectAccessible(page)
    await snap(page, 'rescue-damaged')
    await page.getByRole('button', { name: 'Restore this backup' }).click()
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
    expect(await served.cores[0]!.db.selectFrom('clients').select('last_name').execute()).toEqual([
      { last_name: 'Shah' },
    ])
    expect(readdirSync(tmp.dir).some((f) => /^plinth\.sqlite\.damaged-/.test(f))).toBe(true)
  } finally {
    await served.close()
    tmp.remove()
  }
})

test('a missing clinic file with backups beside: no empty clinic unless someone types START NEW', async ({
  page,
}) => {
  const tmp = tempDir('plinth-e2e-')
  const file = await aBackedUpClinic(tmp.dir)
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true })
  const served = await serveClinic(file)
  try {
    await page.goto(served.web.url)
    await expect(
      page.getByRole('heading', { name: 'The clinic database is missing' }),
    ).toBeVisible()
    await expect(page.getByRole('button', { name: 'Restore this backup' })).toBeVisible()
    await snap(page, 'rescue-missing')
    await page.getByText('Start a new, empty clinic instead').click()
    await page.getByLabel('Type START NEW to confirm').fill('start')
    await page.getByRole('button', { name: 'Start a new clinic' }).click()
    await expect(page.getByText('Type START NEW to start a new, empty clinic')).toBeVisible()
    await page.getByLabel('Type START NEW to confirm').fill('START NEW')
    await page.getByRole('button', { name: 'Start a new clinic' }).click()
    await expect(page.getByRole('heading', { name: 'Set up your clinic' })).toBeVisible()
    // The backups are still there to restore from Settings → Backups later.
    expect(readdirSync(join(tmp.dir, 'backups')).some((f) => f.endsWith('-manual.sqlite'))).toBe(
      true,
    )
  } finally {
    await served.close()
    tmp.remove()
  }
})
