import { readFileSync } from 'node:fs'
import { faker } from '@faker-js/faker/locale/en_GB'
import { seedDemoDiary } from '../../src/main/seed/demo-diary'
import { aSession } from '../fixtures/temp-core'
import { expect, snap, test } from './fixtures'

const owner = aSession('owner')

test('the day sheet downloads as a PDF', async ({ page, clinic }) => {
  test.setTimeout(90_000)
  await seedDemoDiary(clinic.core, owner, faker)
  await clinic.open(page, { as: 'reception', at: '#/diary' })
  await page.getByRole('link', { name: 'Day sheet' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Day sheet' })).toBeVisible()
  await snap(page, 'day-sheet-with-download')
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download PDF' }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/^day-sheet-\d{4}-\d{2}-\d{2}\.pdf$/)
  const bytes = readFileSync((await download.path())!)
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
})
