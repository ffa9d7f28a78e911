import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import type { PlinthCore } from '../../src/main/app-core'
import { aSession, call } from '../fixtures/temp-core'
import { expect, expectAccessible, snap, test } from './fixtures'

const owner = aSession('owner')
const fixture = (name: string) => resolve('tests/fixtures/files', name)

async function aClient(core: PlinthCore): Promise<number> {
  const client = await call(
    core,
    'clients.create',
    { firstName: 'Priya', lastName: 'Shah', mobile: '07911 123456' },
    owner,
  )
  if (!client.ok) throw new Error(client.error.message)
  return client.value.id
}

/** A therapist starts a follow-up note from the client page and types a first line. */
async function startFollowUp(page: Page, clientId: number, url: string) {
  await page.goto(`${url}#/clients/${clientId}/notes/new`)
  await page.getByRole('button', { name: /Follow-up \(SOAP\)/ }).click()
  await expect(
    page.getByRole('heading', { level: 1, name: /Follow-up \(SOAP\): Priya Shah/ }),
  ).toBeVisible()
  await page.getByLabel('Subjective').fill('Right knee sore after hill reps.')
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible()
}

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

test('a therapist discards a draft after confirming in an in-app dialog', async ({
  page,
  clinic,
}) => {
  const clientId = await aClient(clinic.core)
  await clinic.open(page, { as: 'therapist', at: '#/clients' })
  await startFollowUp(page, clientId, clinic.url)

  await page.getByRole('button', { name: 'Discard draft…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Discard this draft?' })
  await expect(dialog).toContainText('This cannot be undone.')
  await expect(dialog.getByRole('button', { name: 'Keep the draft' })).toBeFocused()
  await snap(page, 'notes-discard-dialog')
  await expectAccessible(page)
  await dialog.getByRole('button', { name: 'Keep the draft' }).click()
  await expect(dialog).toHaveCount(0)
  expect(await clinic.core.db.selectFrom('notes').select('id').execute()).toHaveLength(1)

  await page.getByLabel('Plan').fill('Typed just before discarding')
  await page.getByRole('button', { name: 'Discard draft…' }).click()
  await page
    .getByRole('dialog', { name: 'Discard this draft?' })
    .getByRole('button', { name: 'Discard draft' })
    .click()
  await expect(page).toHaveURL(new RegExp(`#/clients/${clientId}$`))
  await expect(page.getByRole('heading', { level: 2, name: 'Treatment notes' })).toBeVisible()
  expect(await clinic.core.db.selectFrom('notes').select('id').execute()).toEqual([])
  const audit = await clinic.core.db
    .selectFrom('audit_log')
    .select('action')
    .where('action', '=', 'note.discard')
    .execute()
  expect(audit).toHaveLength(1)
})

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true })

  test('a tap on the body chart places a mark', async ({ page, clinic }) => {
    const clientId = await aClient(clinic.core)
    await clinic.open(page, { as: 'therapist', at: '#/clients' })
    await startFollowUp(page, clientId, clinic.url)
    const chart = page.getByRole('img', { name: /Body chart, front and back/ })
    await chart.scrollIntoViewIfNeeded()
    const box = (await chart.boundingBox())!
    const scale = box.width / 216
    // The back view's right hamstring, as in the mouse test.
    await page.touchscreen.tap(box.x + (116 + 60) * scale, box.y + 130 * scale)
    const marks = page.getByRole('list', { name: 'Marks on the chart' })
    await expect(marks).toContainText('Pain 3/5 – Right hamstring')
    await expect(marks.getByRole('listitem')).toHaveCount(1)
    await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible()
    const [note] = await clinic.core.db.selectFrom('notes').select('body_marks').execute()
    expect(JSON.parse(note!.body_marks)).toEqual([
      expect.objectContaining({ region: 'hamstring-r', kind: 'pain', intensity: 3 }),
    ])
    await snap(page, 'notes-body-chart-touch')
  })
})
