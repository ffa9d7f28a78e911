import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { expect, expectAccessible, snap, test } from './fixtures'
import { aClient, fixture, startFollowUp } from './notes-helpers'

test('a therapist attaches a photo and a GP letter, views the photo full size and downloads the letter', async ({
  page,
  clinic,
}) => {
  const clientId = await aClient(clinic.core)
  await clinic.open(page, { as: 'therapist', at: '#/clients' })
  await startFollowUp(page, clientId, clinic.url)

  await page.getByLabel('Attach a file').setInputFiles(fixture('knee.jpg'))
  const list = page.getByRole('list', { name: 'Attachments' })
  await expect(list).toContainText('knee.jpg')
  await page.getByLabel('Attach a file').setInputFiles(fixture('gp-letter.pdf'))
  await expect(list).toContainText('gp-letter.pdf')
  await expect(list).toContainText('PDF · 1 KB')

  // The thumbnail is the photo itself, drawn from a blob: URL the CSP allows.
  const thumb = page.getByRole('button', { name: 'View knee.jpg full size' })
  await expect(thumb.locator('img')).toHaveJSProperty('naturalWidth', 240)
  await snap(page, 'notes-attachments-editor')

  await thumb.click()
  const preview = page.getByRole('dialog', { name: 'knee.jpg' })
  await expect(
    preview.getByRole('img', { name: 'knee.jpg, attached to this note' }),
  ).toHaveJSProperty('naturalHeight', 160)
  await snap(page, 'notes-attachment-preview')
  await expectAccessible(page)
  await page.keyboard.press('Escape')
  await expect(preview).toHaveCount(0)

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download gp-letter.pdf' }).click(),
  ])
  expect(download.suggestedFilename()).toBe('gp-letter.pdf')
  expect(readFileSync(await download.path())).toEqual(readFileSync(fixture('gp-letter.pdf')))

  // Signed, the note still shows its attachments, read only.
  await page.getByRole('button', { name: 'Sign note…' }).click()
  await page.getByRole('button', { name: 'Sign note now' }).click()
  await expect(page.getByText(/Signed by .* on/)).toBeVisible()
  await expect(page.getByLabel('Attach a file')).toHaveCount(0)
  await expect(
    page.getByRole('button', { name: 'View knee.jpg full size' }).locator('img'),
  ).toHaveJSProperty('naturalWidth', 240)
  await snap(page, 'notes-attachments-signed')

  const opened = await clinic.core.db
    .selectFrom('audit_log')
    .select('summary')
    .where('summary', 'like', 'Opened attachment%')
    .execute()
  expect(opened.length).toBeGreaterThanOrEqual(2)
})

test('a photo changed on disk after it was attached is refused with a clear message', async ({
  page,
  clinic,
}) => {
  const clientId = await aClient(clinic.core)
  await clinic.open(page, { as: 'therapist', at: '#/clients' })
  await startFollowUp(page, clientId, clinic.url)
  await page.getByLabel('Attach a file').setInputFiles(fixture('posture.png'))
  await expect(page.getByRole('list', { name: 'Attachments' })).toContainText('posture.png')
  const [row] = await clinic.core.db.selectFrom('note_attachments').select('sha256').execute()
  writeFileSync(
    join(dirname(clinic.core.file), 'attachments', row!.sha256.slice(0, 2), row!.sha256),
    'not the photo',
  )
  await page.reload()
  await expect(page.getByRole('list', { name: 'Attachments' }).getByRole('alert')).toContainText(
    'changed or damaged since it was attached',
  )
  await snap(page, 'notes-attachment-tampered')
})
