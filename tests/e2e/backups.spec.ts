import type { PlinthBridge } from '../../src/shared/rpc'
import { aStaffMember } from '../fixtures/staff'
import { expect, expectAccessible, snap, test } from './fixtures'

test('the owner backs up, makes a mistake, and restores the backup', async ({ page, clinic }) => {
  await clinic.open(page, { as: 'owner', at: '#/settings/backups' })
  const section = page.getByRole('region', { name: 'Backups' })
  await expect(section.getByText(/No backups yet/)).toBeVisible()

  await section.getByRole('button', { name: 'Back up now' }).click()
  await expect(section.getByText('Backed up and checked')).toBeVisible()
  const rows = section.getByRole('row')
  await expect(rows).toHaveCount(2) // header and one backup
  await expect(rows.nth(1)).toContainText('Backed up by hand')
  await expect(rows.nth(1)).toContainText('Verified')
  await snap(page, 'backups-list')
  await expectAccessible(page)

  // Later that morning the clinic is renamed by mistake.
  await page.getByRole('link', { name: 'Clinic', exact: true }).click()
  await page.getByLabel('Clinic name').fill('Wrong Name Clinic')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByTestId('clinic-name')).toHaveText('Wrong Name Clinic')
  await page.getByRole('link', { name: 'Backups', exact: true }).click()

  await section.getByRole('button', { name: /^Restore the backup of / }).click()
  const dialog = page.getByRole('dialog', { name: /Restore the backup of/ })
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('Anything entered since then will no longer be in Plinth')
  await snap(page, 'backups-restore-confirm')
  await expectAccessible(page)
  await dialog.getByRole('button', { name: 'Restore this backup' }).click()
  await expect(dialog.getByRole('progressbar', { name: 'Restore progress' })).toBeVisible()
  await expect(dialog.getByText(/Restored the backup of .*Before a restore/)).toBeVisible()
  await snap(page, 'backups-restore-done')
  await expect(page.getByTestId('clinic-name')).toHaveText('My clinic')
  await dialog.getByRole('button', { name: 'Close' }).click()

  await expect(section.getByRole('row')).toHaveCount(3)
  await expect(section.getByRole('row').nth(1)).toContainText('Before a restore')
  const stored = await clinic.core.db
    .selectFrom('audit_log')
    .select(['action', 'username'])
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()
  expect(stored).toEqual({ action: 'backups.restore', username: 'owner.test' })
  await snap(page, 'backups-after-restore')
})

test('the owner chooses a backup passphrase instead of the clinic key', async ({
  page,
  clinic,
}) => {
  await clinic.open(page, { as: 'owner', at: '#/settings/backups' })
  const section = page.getByRole('region', { name: 'Backups' })
  await section.getByLabel('Use a passphrase instead of the clinic key').check()
  await section.getByLabel('Passphrase', { exact: true }).fill('short')
  await section.getByRole('button', { name: 'Save backup settings' }).click()
  await expect(section.getByText(/at least 10 characters/i).first()).toBeVisible()
  await section.getByLabel('Passphrase', { exact: true }).fill('kettle harbour violet')
  await section.getByRole('button', { name: 'Save backup settings' }).click()
  await expect(section.getByText('Backup settings saved')).toBeVisible()
  await section.getByRole('button', { name: 'Back up now' }).click()
  await expect(section.getByRole('row').nth(1)).toContainText('Encrypted')
  await snap(page, 'backups-settings-encrypted')
  await expectAccessible(page)
})

test('reception does not see the backups', async ({ page, clinic }) => {
  await clinic.open(page, { as: 'reception', at: '#/settings/backups' })
  await expect(page.getByRole('heading', { level: 1, name: 'Diary' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Backups' })).toHaveCount(0)
  const refused = await page.evaluate(() =>
    (globalThis as unknown as { plinth: PlinthBridge }).plinth.invoke('backups.list', {}),
  )
  expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } })
})

test('a damaged database is reported plainly on every screen, with the newest good backup', async ({
  page,
  clinic,
}) => {
  // The staff accounts are in the backup, as they would be in a clinic's.
  await aStaffMember(clinic.core.db, 'owner')
  await aStaffMember(clinic.core.db, 'reception')
  await clinic.core.backups.backup('daily')
  // Damage an index page on disk, as a failing drive would.
  const sqlite = clinic.core.sqlite
  sqlite.pragma('wal_checkpoint(TRUNCATE)')
  const { rootpage } = sqlite
    .prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'audit_log_at'`)
    .get() as { rootpage: number }
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number
  const { openSync, writeSync, closeSync } = await import('node:fs')
  const fd = openSync(clinic.core.file, 'r+')
  writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (rootpage - 1) * pageSize)
  closeSync(fd)
  await clinic.core.backups.checkIntegrity()

  await clinic.open(page, { as: 'reception' })
  // The screen's own error says "found damage" too (the damaged-file gate refuses its reads),
  // so the banner is the alert that offers the backup.
  const banner = page.getByRole('alert').filter({ hasText: /newest good backup was taken on/ })
  await expect(banner).toContainText('Plinth found damage in the clinic’s database')
  await expect(banner).toContainText(/newest good backup was taken on/)
  // Reception cannot restore (main refuses it): the banner says who can, with no button.
  await expect(banner).toContainText('ask the clinic owner to sign in here and restore it')
  await expect(banner.getByRole('button', { name: 'Restore that backup…' })).toHaveCount(0)
  // SQLite's own report is for support, folded away.
  await expect(banner.getByText('Tree ')).toBeHidden()
  await banner.getByText('Technical details').click()
  await expect(banner.locator('pre')).toContainText(/page|Tree|index/)
  await snap(page, 'backups-integrity-banner')
  await expectAccessible(page)

  // The owner takes up the offer from the banner itself.
  await clinic.open(page, { as: 'owner' })
  await expect(page.getByRole('link', { name: 'Settings → Backups' })).toBeVisible()
  await page.getByRole('button', { name: 'Restore that backup…' }).click()
  const dialog = page.getByRole('dialog', { name: /Restore the backup of/ })
  await dialog.getByRole('button', { name: 'Restore this backup' }).click()
  await expect(dialog.getByText(/Restored the backup of/)).toBeVisible()
  await snap(page, 'backups-integrity-restored')
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Diary' })).toBeVisible()
  await expect(page.getByText('found damage')).toHaveCount(0)
  expect(clinic.core.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
})
