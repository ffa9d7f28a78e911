import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { openCore, type PlinthCore } from '../../src/main/app-core'
import { DeskLink, pairWithHost, probeHost } from '../../src/main/link/desk-client'
import { deskPush, hostPush } from '../../src/main/link/desk-push'
import { memoryDeskStore } from '../../src/main/link/desk-store'
import { LinkShell } from '../../src/main/link/link-shell'
import { silentLogger } from '../../src/main/log'
import { startWebServer, type WebServer } from '../../src/main/web/http-adapter'
import { aStaffMember, TEST_PASSWORD } from '../fixtures/staff'
import { aSession, call } from '../fixtures/temp-core'
import { clinicNow, pinBrowserClock } from './clinic-clock'
import { expect, snap, test } from './fixtures'
import { aSmallClinic, at, today } from './small-clinic'
import { testKey } from '../fixtures/test-key'

/** A host whose desk link listens on 127.0.0.1 at a free port, and its owner's browser page. */
async function aHost() {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-e2e-host-'))
  const core = await openCore({
    file: join(dir, 'clinic.sqlite'),
    key: testKey,
    log: silentLogger,
    now: () => new Date(clinicNow()),
    deskBindAddress: '127.0.0.1',
  })
  return {
    core,
    async dispose() {
      await core.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A desk in a browser, as `serve:web --join` makes one: paired, then served on loopback. */
async function aDesk(core: PlinthCore, name: string, role: 'reception' | 'therapist') {
  const { code } = core.deskHost.codes.issue()
  const probe = await probeHost(`https://127.0.0.1:${core.deskHost.port}`)
  if (!probe.ok) throw new Error(probe.error.message)
  const paired = await pairWithHost(probe.value, code, name)
  if (!paired.ok) throw new Error(paired.error.message)
  const link = new DeskLink(paired.value)
  const staff = await aStaffMember(core.db, role)
  await link.call('auth.signIn', { username: staff.username, password: TEST_PASSWORD })
  const server = await startWebServer({
    connection: link,
    rendererDir: resolve('out/renderer'),
    push: deskPush(link),
  })
  return {
    link,
    server,
    async close() {
      await server.close()
      link.close()
    },
  }
}

async function pinnedPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' })
  const page = await context.newPage()
  await page.addInitScript(pinBrowserClock, clinicNow() - Date.now())
  return page
}

test('the owner shares the clinic, sees a desk pair, and revokes it at once', async ({ page }) => {
  const host = await aHost()
  const connection = host.core.connect()
  connection.begin(await aStaffMember(host.core.db, 'owner'))
  const web: WebServer = await startWebServer({
    connection,
    rendererDir: resolve('out/renderer'),
    push: hostPush(host.core.changes, connection),
  })
  try {
    await page.goto(`${web.url}#/settings/network`)
    await page.getByLabel('Port').fill(String(40_000 + Math.floor(Math.random() * 20_000)))
    await page.getByRole('button', { name: 'Share this clinic on the network' }).click()
    const code = page.getByTestId('pairing-code')
    await expect(code).toHaveText(/^[0-9A-Z]{8}$/)
    const fingerprint = await page.getByTestId('fingerprint').textContent()
    await snap(page, 'network-sharing')

    // A desk types the code, and sees the same fingerprint as the owner's screen.
    const probe = await probeHost(`https://127.0.0.1:${host.core.deskHost.port}`)
    if (!probe.ok) throw new Error(probe.error.message)
    expect(probe.value.fingerprint).toBe(fingerprint)
    const paired = await pairWithHost(probe.value, (await code.textContent())!, 'Room 2 laptop')
    if (!paired.ok) throw new Error(paired.error.message)
    const link = new DeskLink(paired.value)
    try {
      const desks = page.getByRole('table')
      // Told by a change event, not by the list's 10-second poll.
      await expect(desks.getByRole('cell', { name: 'Room 2 laptop', exact: true })).toBeVisible({
        timeout: 2000,
      })
      await expect(desks.getByRole('cell', { name: '127.0.0.1', exact: true })).toBeVisible()
      await snap(page, 'network-paired-desk')
      await page.getByRole('button', { name: 'Revoke Room 2 laptop' }).click()
      await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click()
      await expect(desks).toBeHidden()
      expect(await link.call('auth.status', {})).toMatchObject({
        ok: false,
        error: { code: 'not_paired' },
      })
    } finally {
      link.close()
    }
  } finally {
    await web.close()
    await host.dispose()
  }
})

test('a booking at one desk appears at the other within a second; a stopped host shows a banner', async ({
  browser,
}) => {
  const host = await aHost()
  const { port } = await host.core.deskHost.start(0)
  const clinic = await aSmallClinic(host.core)
  const reception = await aDesk(host.core, 'Reception', 'reception')
  const room = await aDesk(host.core, 'Room 2', 'therapist')
  try {
    const pageA = await pinnedPage(browser)
    const pageB = await pinnedPage(browser)
    await pageA.goto(`${reception.server.url}#/diary`)
    await pageB.goto(`${room.server.url}#/diary`)
    await expect(pageB.getByTestId('diary-calendar')).toBeVisible()
    await expect(pageA.getByTestId('diary-calendar')).toBeVisible()
    await pageB.waitForTimeout(300) // the event stream opens after the first render

    // Reception books (through its desk link, as its booking dialog would).
    const started = Date.now()
    const booked = await reception.link.call('diary.book', {
      clientId: clinic.priya,
      serviceId: clinic.serviceId,
      therapistId: clinic.samId,
      startsAt: at(today(), '10:00'),
    })
    expect(booked.ok).toBe(true)
    await expect(pageB.locator('.rbc-event', { hasText: 'Priya Shah' })).toBeVisible({
      timeout: 1000,
    })
    expect(Date.now() - started).toBeLessThan(1500)
    await snap(pageB, 'desk-b-sees-booking')

    // The host goes away: the desk says so plainly, and recovers when it is back.
    await host.core.deskHost.stop()
    const banner = pageB.getByRole('alert').filter({ hasText: 'cannot be reached' })
    await expect(banner).toBeVisible({ timeout: 5000 })
    await snap(pageB, 'desk-b-host-away')
    await host.core.deskHost.start(port)
    await expect(banner).toBeHidden({ timeout: 10_000 })
    // The owner can still see who booked from where.
    const audit = await call(host.core, 'audit.list', {} as never, aSession('owner'))
    expect(JSON.stringify(audit)).toContain('Reception')
  } finally {
    await reception.close()
    await room.close()
    await host.dispose()
  }
})

test('at first start a computer joins the clinic: address, fingerprint to compare, code', async ({
  page,
}) => {
  const host = await aHost()
  const { port, fingerprint } = await host.core.deskHost.start(0)
  await aStaffMember(host.core.db, 'reception')
  const shell = await LinkShell.start({
    store: memoryDeskStore(),
    hasClinicHere: false,
    openHost: () => Promise.reject(new Error('not in this test')),
  })
  const web = await startWebServer({
    connection: shell,
    rendererDir: resolve('out/renderer'),
    push: shell.push,
  })
  try {
    await page.goto(web.url)
    await page.getByRole('button', { name: 'Join a clinic on this network' }).click()
    await page.getByLabel('Host address').fill(`127.0.0.1:${port}`)
    await page.getByRole('button', { name: 'Look up' }).click()
    await expect(page.getByTestId('join-fingerprint')).toHaveText(fingerprint)
    const { code } = host.core.deskHost.codes.issue()
    await page.getByLabel('Pairing code').fill(code === 'ZZZZZZZZ' ? 'YYYYYYYY' : 'ZZZZZZZZ')
    await page.getByLabel('This computer’s name').fill('Treatment room 2')
    await page.getByRole('button', { name: 'The fingerprints match: join' }).click()
    await expect(page.getByText('That code is not right')).toBeVisible()
    await snap(page, 'join-wrong-code')
    await page.getByLabel('Pairing code').fill(code.toLowerCase())
    await page.getByRole('button', { name: 'The fingerprints match: join' }).click()
    // Joined: the host's sign-in screen, through the link.
    await expect(page.getByLabel('Username')).toBeVisible()
    const desks = await call(host.core, 'network.desks', {}, aSession('owner'))
    expect(desks.ok && desks.value.map((d) => d.name)).toEqual(['Treatment room 2'])
    await page.getByLabel('Username').fill('reception.test')
    await page.getByLabel('Password').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByText('Joined to My clinic’s host')).toBeVisible()
    await snap(page, 'desk-joined')
  } finally {
    await web.close()
    shell.close()
    await host.dispose()
  }
})
