import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { openCore } from '../../src/main/app-core'
import type { DatabaseKey } from '../../src/main/db/cipher'
import { readClinicKeys, recoveryKeyText, type KeySealer } from '../../src/main/db/clinic-keys'
import { clinicKeyFromKeystore, clinicKeyFromRecoveryKey } from '../../src/main/db/keystore-unlock'
import { hostPush } from '../../src/main/link/desk-push'
import { memoryDeskStore } from '../../src/main/link/desk-store'
import { LinkShell } from '../../src/main/link/link-shell'
import { silentLogger } from '../../src/main/log'
import { startWebServer } from '../../src/main/web/http-adapter'
import { TEST_PASSWORD } from '../fixtures/staff'
import { clinicNow } from './clinic-clock'
import type { Page } from '@playwright/test'
import { expect, expectAccessible, snap, test } from './fixtures'

// Issue 12 in the browser: the recovery key shown at set-up, printed again from Settings,
// and asked for at start when this computer's keystore has lost the clinic's key.

const PASSWORD = 'hamstring season 2026'

/** The first-run form, as the owner fills it in; the recovery key is shown next. */
async function setUpOwner(page: Page, url: string) {
  await page.goto(url)
  await page.getByLabel('Clinic name').fill('Riverside Sports Massage')
  await page.getByLabel('Your name').fill('Alex Morgan')
  await page.getByLabel('Username').fill('alex')
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await page.getByLabel('Confirm password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Create owner account' }).click()
}

test('at set-up the owner is shown the recovery key and saves the sheet to print', async ({
  page,
  clinic,
}) => {
  await setUpOwner(page, clinic.url)

  await expect(page.getByRole('heading', { name: 'Your recovery key' })).toBeVisible()
  const printed = recoveryKeyText(readClinicKeys(clinic.core.file)!, clinic.core.key as DatabaseKey)
  await expect(page.getByTestId('recovery-key')).toHaveText(printed!.replaceAll('-', ''))
  await snap(page, 'encryption-recovery-key-at-set-up')
  await expectAccessible(page)
  const continueButton = page.getByRole('button', { name: 'Continue to Plinth' })
  await expect(continueButton).toBeDisabled()
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: /Save the recovery sheet/ }).click()
  expect((await download).suggestedFilename()).toBe('plinth-recovery-key.pdf')
  await page.getByLabel(/I have printed it/).check()
  await continueButton.click()
  await expect(page.getByRole('heading', { level: 1, name: 'Diary' })).toBeVisible()
})

test('the owner prints the recovery key again after re-entering their password', async ({
  page,
  clinic,
}) => {
  await clinic.open(page, { as: 'owner', at: '#/settings/security' })
  const card = page.getByRole('region', { name: 'Recovery key' })
  await card.getByLabel('Your password').fill('not my password')
  await card.getByRole('button', { name: 'Show and print the recovery key' }).click()
  await expect(card.getByText('That password is not right.')).toBeVisible()
  await card.getByLabel('Your password').fill(TEST_PASSWORD)
  await card.getByRole('button', { name: 'Show and print the recovery key' }).click()
  const printed = recoveryKeyText(readClinicKeys(clinic.core.file)!, clinic.core.key as DatabaseKey)
  await expect(card.getByTestId('recovery-key')).toHaveText(printed!.replaceAll('-', ''))
  await snap(page, 'encryption-recovery-key-again')
  await expectAccessible(page)
})

test('an owner who reloads before confirming the printed key is reminded until they do', async ({
  page,
  clinic,
}) => {
  // A user trial reloaded before ticking "I have printed it" and was never asked again.
  await setUpOwner(page, clinic.url)
  await expect(page.getByRole('heading', { name: 'Your recovery key' })).toBeVisible()
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Diary' })).toBeVisible()
  const banner = page.getByRole('status').filter({ hasText: 'recovery key has not been confirmed' })
  await expect(banner).toBeVisible()
  await snap(page, 'encryption-recovery-key-reminder')
  await banner.getByRole('link', { name: 'Print it now' }).click()
  const card = page.getByRole('region', { name: 'Recovery key' })
  await card.getByLabel('Your password').fill(PASSWORD)
  await card.getByRole('button', { name: 'Show and print the recovery key' }).click()
  const done = card.getByRole('button', { name: 'Done' })
  await expect(done).toBeDisabled()
  await card.getByLabel(/I have printed it/).check()
  await done.click()
  await expect(card.getByText('Confirmed as printed and kept safe.')).toBeVisible()
  await expect(banner).toBeHidden()
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  await expect(banner).toBeHidden()
})

test('a computer whose keystore lost the clinic key opens it with the recovery key', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-e2e-recovery-'))
  const file = join(dir, 'plinth.sqlite')
  // The keystore this clinic was made with, then the same computer after a reinstall.
  let secret = 'first install'
  const keystore: KeySealer = {
    available: () => true,
    seal: (plain) => Buffer.from(`${secret}:${plain.toString('base64')}`),
    unseal: (sealed) => {
      const [by, data] = sealed.toString().split(':')
      if (by !== secret) throw new Error('sealed by another keystore')
      return Buffer.from(data!, 'base64')
    },
  }
  const key = clinicKeyFromKeystore(file, keystore, new Date(clinicNow()))
  await (await openCore({ file, key, log: silentLogger })).close()
  const printed = recoveryKeyText(readClinicKeys(file)!, key)!
  secret = 'after the reinstall'

  // What src/main/index.ts does, through the loopback adapter instead of IPC.
  const cores: Awaited<ReturnType<typeof openCore>>[] = []
  const shell = await LinkShell.start({
    store: memoryDeskStore(),
    hasClinicHere: true,
    openHost: async (unlock) => {
      const opened = await openCore({
        file,
        key: unlock?.recoveryKey
          ? clinicKeyFromRecoveryKey(file, unlock.recoveryKey, keystore)
          : clinicKeyFromKeystore(file, keystore, new Date(clinicNow())),
        log: silentLogger,
        now: () => new Date(clinicNow()),
      })
      cores.push(opened)
      const connection = opened.connect()
      return {
        connection,
        push: hostPush(opened.changes, connection),
        clinicName: async () => 'My clinic',
      }
    },
  })
  const web = await startWebServer({
    connection: shell,
    rendererDir: resolve('out/renderer'),
    push: shell.push,
  })
  try {
    await page.goto(web.url)
    await expect(page.getByRole('heading', { name: 'Enter recovery key' })).toBeVisible()
    await expectAccessible(page)
    await page.getByLabel('Recovery key').fill('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789')
    await page.getByRole('button', { name: 'Unlock the clinic' }).click()
    await expect(page.getByText(/does not open this clinic file/)).toBeVisible()
    await snap(page, 'encryption-recovery-unlock-wrong')
    await page.getByLabel('Recovery key').fill(printed.toLowerCase().replaceAll('-', ' '))
    await page.getByRole('button', { name: 'Unlock the clinic' }).click()
    await expect(page.getByRole('heading', { name: 'Set up your clinic' })).toBeVisible()
    // Sealed by this keystore again: the next start needs no recovery key.
    const keys = JSON.parse(readFileSync(`${file}.keys.json`, 'utf8')) as { keystore: string }
    expect(Buffer.from(keys.keystore, 'base64').toString()).toMatch(/^after the reinstall:/)
  } finally {
    await web.close()
    shell.close()
    for (const core of cores) await core.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
