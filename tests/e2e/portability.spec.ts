import { fileURLToPath } from 'node:url'
import { aClient } from '../fixtures/clients'
import { aService, aTherapist, openEveryDay } from '../fixtures/diary'
import { expect, expectAccessible, snap, test } from './fixtures'

const cliniko = fileURLToPath(new URL('../fixtures/Patients-Cliniko-20260101.csv', import.meta.url))

test('the owner imports a Cliniko export through the mapping screen and reads the report', async ({
  page,
  clinic,
}) => {
  await clinic.open(page, { as: 'owner', at: '#/settings/import' })
  const section = page.getByRole('region', { name: 'Import clients' })
  await section.getByLabel('CSV file of clients').setInputFiles(cliniko)

  await expect(section.getByText(/7 rows, read as a Cliniko patients export/)).toBeVisible()
  await expect(section.getByLabel('First name', { exact: true })).toHaveValue('First Name')
  await expect(section.getByLabel('Postcode')).toHaveValue('Post Code')
  await expect(section.getByRole('table', { name: 'The first rows of the file' })).toContainText(
    '12 High Street, Flat 2',
  )
  await snap(page, 'import-mapping')
  await expectAccessible(page)

  await section.getByRole('button', { name: 'Check rows' }).click()
  const report = section.getByRole('region', { name: 'Report' })
  await expect(report.getByText(/7 rows: 4 ready to import/)).toBeVisible()
  const problems = report.getByRole('table', { name: 'Rows with problems' })
  await expect(problems.getByRole('row', { name: /Grace Hughes/ })).toContainText('month/day order')
  await expect(problems.getByRole('row', { name: /Olu Adeyemi/ })).toContainText('Check')
  await snap(page, 'import-report')
  await expectAccessible(page)

  await section.getByRole('button', { name: 'Import 4 clients' }).click()
  await expect(section.getByText('Imported 4 clients; 3 rows skipped.')).toBeVisible()
  await expect(section.getByRole('button', { name: 'Undo import' })).toBeVisible()
  await snap(page, 'import-done')

  // Undo asks first, in the app's own dialog; cancelling keeps every client.
  await section.getByRole('button', { name: 'Undo import' }).click()
  const confirmUndo = page.getByRole('dialog', { name: 'Undo this import?' })
  await expect(confirmUndo).toContainText(
    'This removes the 4 clients imported from Patients-Cliniko-20260101.csv',
  )
  await expect(confirmUndo.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await snap(page, 'import-undo-confirm')
  await expectAccessible(page)
  await confirmUndo.getByRole('button', { name: 'Cancel' }).click()
  await expect(confirmUndo).toHaveCount(0)
  await expect(section.getByText('(undone)')).toHaveCount(0)

  const exporting = page.getByRole('region', { name: 'Export the clinic' })
  const download = page.waitForEvent('download')
  await exporting.getByRole('button', { name: 'Download export' }).click()
  expect((await download).suggestedFilename()).toMatch(/^plinth-export-\d{4}-\d{2}-\d{2}\.zip$/)
  await expect(exporting.getByText(/Exported 4 clients and \d+ tables/)).toBeVisible()
  await snap(page, 'export-done')
  await expectAccessible(page)

  const retention = page.getByRole('region', { name: 'Records past retention' })
  await expect(retention.getByText('No records are past their retention period.')).toBeVisible()

  // The owner answers Aisha's subject access request from her record.
  await page.getByRole('link', { name: 'Clients', exact: true }).click()
  await page.getByRole('combobox', { name: 'Find a client' }).fill('Khan')
  await page.getByRole('option', { name: /Aisha Khan/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: /Aisha Khan/ })).toBeVisible()
  const sar = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Subject access export' }).click()
  expect((await sar).suggestedFilename()).toMatch(/^subject-access-client-\d+-.*\.zip$/)
  await expect(page.getByRole('button', { name: 'Anonymise…' })).toBeVisible()
  // Erasing asks first in the app's own dialog; cancelling keeps the record.
  await page.getByRole('button', { name: 'Delete…' }).click()
  const erase = page.getByRole('dialog', { name: "Delete Aisha Khan's record?" })
  await expect(erase).toContainText('Everything about them is removed for good.')
  await expect(erase.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await snap(page, 'client-erase-confirm')
  await expectAccessible(page)
  await erase.getByRole('button', { name: 'Cancel' }).click()
  await expect(erase).toHaveCount(0)
  await expect(page.getByRole('heading', { level: 1, name: /Aisha Khan/ })).toBeVisible()
  await snap(page, 'client-gdpr-actions')
  await expectAccessible(page)

  // Back to the import: this time the owner confirms the undo.
  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByRole('link', { name: 'Import & export' }).click()
  const importing = page.getByRole('region', { name: 'Import clients' })
  await importing.getByRole('button', { name: 'Undo import' }).click()
  const confirmAgain = page.getByRole('dialog', { name: 'Undo this import?' })
  await confirmAgain.getByRole('button', { name: 'Remove 4 clients' }).click()
  await expect(confirmAgain).toHaveCount(0)
  await expect(importing.getByText('(undone)')).toBeVisible()
})

test('the owner imports a diary export of appointments and reads the report', async ({
  page,
  clinic,
}) => {
  const { core } = clinic
  await openEveryDay(core)
  const massage = await aService('Sports massage').in(core)
  await aTherapist('Sam Okafor')
    .working(['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], '09:00-17:00')
    .offering(massage)
    .in(core)
  await aClient({ mobile: '' }).named('Aisha', 'Khan').withEmail('aisha@example.com').in(core)
  const csv = [
    'Client,Email,Therapist,Service,Start,Status',
    'Aisha Khan,aisha@example.com,Sam Okafor,Sports massage,14/03/2025 09:30,Attended',
    'Aisha Khan,aisha@example.com,Sam Okafor,Sports massage,03/01/2027 10:00,',
    'Aisha Khan,aisha@example.com,Pat Unknown,Sports massage,04/01/2027 10:00,',
  ].join('\r\n')

  await clinic.open(page, { as: 'owner', at: '#/settings/import' })
  const section = page.getByRole('region', { name: 'Import appointments' })
  await section.getByLabel('CSV file of appointments').setInputFiles({
    name: 'diary-export.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  })
  await expect(section.getByText(/3 rows, read as Plinth's import template/)).toBeVisible()
  await expect(section.getByLabel('Therapist', { exact: true })).toHaveValue('Therapist')
  await expect(section.getByLabel('Client e-mail')).toHaveValue('Email')

  await section.getByRole('button', { name: 'Check rows' }).click()
  const report = section.getByRole('region', { name: 'Report' })
  await expect(
    report.getByText(
      /3 rows: 2 ready to import, 0 possible duplicates, 1 skipped with errors, 1 to check/,
    ),
  ).toBeVisible()
  const problems = report.getByRole('table', { name: 'Rows with problems' })
  await expect(problems.getByRole('row', { name: /03\/01\/2027/ })).toContainText(
    'Sam Okafor does not work on Sundays',
  )
  await expect(problems.getByRole('row', { name: /04\/01\/2027/ })).toContainText(
    'No therapist called Pat Unknown',
  )
  await section.getByRole('region', { name: 'Report' }).scrollIntoViewIfNeeded()
  await snap(page, 'import-appointments-report')
  await expectAccessible(page)

  await section.getByRole('button', { name: 'Import 2 appointments' }).click()
  await expect(section.getByText('Imported 2 appointments; 1 rows skipped.')).toBeVisible()
  await expect(section.getByRole('button', { name: 'Undo import' })).toBeVisible()
  await snap(page, 'import-appointments-done')
})
