import { readFileSync } from 'node:fs'
import { seedDemoClinic } from '../../src/main/seed/demo-clinic'
import { expect, expectAccessible, snap, test } from './fixtures'

// Issue 14: the owner reads the demo clinic's figures, changes the period, opens the rows
// behind the DNA rate, exports CSV and looks at the charts (screenshots kept and looked at).

test('the owner reads the reports, opens the DNA rows, exports CSV and reads the charts', async ({
  page,
  clinic,
}) => {
  test.setTimeout(240_000)
  await seedDemoClinic(clinic.core, { clients: 60, history: true })
  await clinic.open(page, { as: 'owner', at: '#/reports' })
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible()
  const takings = page.getByRole('region', { name: 'Takings' })
  await expect(takings.getByTestId('figure-received')).not.toHaveText('…')
  await expect(page.getByText(/compared with/)).toBeVisible()
  await snap(page, 'reports-this-month')
  await takings.screenshot({ path: 'test-results/screenshots/reports-takings-card.png' })

  // Last month: the subtitle and the cards follow.
  await page.getByRole('combobox', { name: 'Period' }).selectOption('last_month')
  await expect(page.getByText(/^1–31 May 2026, compared with 1–30 April 2026$/)).toBeVisible()
  const appointments = page.getByRole('region', { name: 'Appointments' })
  const dnaCard = appointments.getByRole('article', { name: 'DNA rate' })
  await expect(dnaCard.getByTestId('figure-dna-rate')).toHaveText(/%$/)
  await expect(dnaCard).toContainText('on the period before')
  await dnaCard.getByText('How it is worked out').click()
  await expect(dnaCard).toContainText('DNAs over all appointments starting in the period.')

  // The rows behind the DNA rate: each a DNA, each linking to its client.
  await dnaCard.getByRole('button', { name: 'Show the rows behind DNA rate' }).click()
  const dialog = page.getByRole('dialog', { name: 'Rows behind: DNA rate' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('status')).toHaveText(/^Rows 1–\d+ of \d+$/)
  const rows = dialog.locator('tbody tr')
  expect(await rows.count()).toBeGreaterThan(0)
  for (const outcome of await dialog.locator('tbody td:nth-child(5)').allTextContents()) {
    expect(outcome).toBe('DNA')
  }
  await expect(rows.first().getByRole('link')).toHaveAttribute('href', /^#\/clients\/\d+$/)
  await snap(page, 'reports-dna-rows')
  await dialog.screenshot({ path: 'test-results/screenshots/reports-dna-rows-dialog.png' })
  const [rowsCsv] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export these rows as CSV' }).click(),
  ])
  expect(rowsCsv.suggestedFilename()).toBe('plinth-appointments-dna-rate-2026-05-01_2026-05-31.csv')
  const rowsText = readFileSync((await rowsCsv.path())!, 'utf8')
  expect(rowsText.split('\r\n')[0]).toBe('Starts,Client,Therapist,Service,Outcome')
  expect(rowsText.split('\r\n').filter((l) => l.endsWith(',DNA')).length).toBe(await rows.count())
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  // The takings report as CSV: the figures with their definitions, then each table.
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    takings.getByRole('button', { name: 'Export CSV' }).click(),
  ])
  const text = readFileSync((await csv.path())!, 'utf8')
  expect(text.split('\r\n')[0]).toBe('Figure,Value,Previous period,Unit,Definition')
  expect(text).toContain('Received,')
  expect(text).toContain('By payment method')

  // Charts: each has its words, is a tab stop, and turns into a table.
  const chart = page.getByRole('figure', { name: 'Takings by week' })
  await expect(chart).toContainText(/Takings by week, \d+ points? from w\/c/)
  await chart.getByRole('img').focus()
  await expect(chart.getByRole('img')).toBeFocused()
  await chart.scrollIntoViewIfNeeded()
  await chart.screenshot({ path: 'test-results/screenshots/reports-takings-chart.png' })
  await chart.getByRole('button', { name: 'Show table' }).click()
  await expect(chart.getByRole('table')).toContainText('w/c 2026-05-')
  const dnaChart = page.getByRole('figure', { name: 'DNA rate by month' })
  await dnaChart.scrollIntoViewIfNeeded()
  await dnaChart.screenshot({ path: 'test-results/screenshots/reports-dna-chart.png' })
  // It starts at the demo's first month with appointments, and every month has its label.
  await dnaChart.getByRole('button', { name: 'Show table' }).click()
  const monthRows = dnaChart.locator('tbody tr')
  await expect(monthRows.first().locator('td').nth(1)).not.toHaveText('–')
  const months = await monthRows.locator('td:first-child').allTextContents()
  expect(months.at(-1)).toBe('May 2026')
  expect(months.length).toBeLessThan(12)
  await dnaChart.getByRole('button', { name: 'Show chart' }).click()
  await expect(dnaChart.locator('.recharts-xAxis-tick-labels text')).toHaveText(
    months.map((m, i) => (i === 0 || m.startsWith('Jan') ? m : m.slice(0, 3))),
  )
  const utilisation = page.getByRole('figure', { name: 'Utilisation by therapist' })
  await utilisation.scrollIntoViewIfNeeded()
  await expect(utilisation).toContainText('Sam Patel')
  await utilisation.screenshot({ path: 'test-results/screenshots/reports-utilisation-chart.png' })
  await page
    .getByRole('region', { name: /Therapist commission/ })
    .screenshot({ path: 'test-results/screenshots/reports-commission.png' })
  // The VAT summary is for a VAT quarter: the last finished one first, calendar quarters.
  const vat = page.getByRole('region', { name: /VAT summary/ })
  const quarter = vat.getByRole('combobox', { name: 'VAT quarter' })
  await expect(quarter).toHaveValue('2026-03')
  await expect(quarter.locator('option').first()).toHaveText('April–June 2026 (in progress)')
  await quarter.selectOption({ label: 'October–December 2025' })
  const [vatCsv] = await Promise.all([
    page.waitForEvent('download'),
    vat.getByRole('button', { name: 'Export CSV' }).click(),
  ])
  expect(vatCsv.suggestedFilename()).toBe('plinth-vat-2025-10-01_2025-12-31.csv')
  await vat.screenshot({ path: 'test-results/screenshots/reports-vat-quarter.png' })
  await expectAccessible(page)

  // A row opens its record: the client's page.
  await dnaCard.getByRole('button', { name: 'Show the rows behind DNA rate' }).click()
  const link = dialog.locator('tbody tr').first().getByRole('link')
  const name = (await link.textContent())!
  await link.click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
})
