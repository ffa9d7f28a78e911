import { fileURLToPath } from 'node:url'
import { expect, snap, test } from './fixtures'

// Issue #11 items 19 and 15-16 through the real screens: an Excel "CSV (Comma delimited)"
// file (Windows-1252 bytes) imports Zoë as typed, and the imported clients are found by any
// way of writing their phone and by names folded to plain letters.

const fixture = (name: string) =>
  fileURLToPath(new URL(`../fixtures/files/encodings/${name}`, import.meta.url))

test('the owner imports an Excel (Windows-1252) CSV and finds Zoë by "zoe" and "+44 (0)7911 123456"', async ({
  page,
  clinic,
}) => {
  await clinic.open(page, { as: 'owner', at: '#/settings/import' })
  const section = page.getByRole('region', { name: 'Import clients' })
  const file = section.getByLabel('CSV file of clients')

  // UTF-16 without a byte-order mark is refused, and the message names it.
  await file.setInputFiles(fixture('clients-utf-16-le-no-bom.csv'))
  await expect(section.getByText(/UTF-16 \(Unicode text\) without a byte-order mark/)).toBeVisible()

  await file.setInputFiles(fixture('clients-excel-windows-1252.csv'))
  await expect(section.getByText(/3 rows, .* Text encoding: Windows-1252\./)).toBeVisible()
  const preview = section.getByRole('table', { name: 'The first rows of the file' })
  await expect(preview).toContainText('Zoë')
  await expect(preview).toContainText('Lefèvre')
  await expect(preview).not.toContainText('\uFFFD')
  await snap(page, 'import-windows-1252')
  await section.getByRole('button', { name: 'Check rows' }).click()
  await section.getByRole('button', { name: 'Import 3 clients' }).click()
  await expect(section.getByText(/Imported 3 clients/)).toBeVisible()

  await page.getByRole('link', { name: 'Clients', exact: true }).click()
  const lookup = page.getByRole('combobox', { name: 'Find a client' })
  for (const query of ['zoe', '+44 (0)7911 123456', '0044 7911-123-456']) {
    await lookup.fill(query)
    await expect(page.getByRole('option', { name: /Zoë Smith/ })).toBeVisible()
  }
  await lookup.fill('lefevre')
  await expect(page.getByRole('option', { name: /François Lefèvre/ })).toBeVisible()
  await snap(page, 'search-folded-name')
})
