// Smaller faults from issue #11 item 14, each as the owner meets it in Settings.
import { aClient } from '../fixtures/clients'
import { aService, aTherapist } from '../fixtures/diary'
import { expect, snap, test } from './fixtures'

test('a 300-character name wraps inside the import report instead of stretching it', async ({
  page,
  clinic,
}) => {
  const long = 'Bartholomew'.repeat(28).slice(0, 300)
  const csv = [
    'First name,Last name,Mobile,Email',
    `${long},Smith,,`, // no phone or e-mail: skipped, so listed in the report
    `Ann,${long} ${long},,`, // a long name with a space in it too
    'Zoë,Jones,07911 123456,',
  ].join('\r\n')
  await clinic.open(page, { as: 'owner', at: '#/settings/import' })
  const section = page.getByRole('region', { name: 'Import clients' })
  // The rules are in the app, not in a README.
  await expect(section.getByText('README')).toHaveCount(0)
  await section.getByText('What the file should look like').click()
  await expect(section.getByText(/Each row needs a first name, a last name/)).toBeVisible()

  await section.getByLabel('CSV file of clients').setInputFiles({
    name: 'long-names.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  })
  await section.getByRole('button', { name: 'Check rows' }).click()
  const report = section.getByRole('region', { name: 'Report' })
  const problems = report.getByRole('table', { name: 'Rows with problems' })
  await expect(problems.getByRole('row')).toHaveCount(3)
  const table = (await problems.boundingBox())!
  const wrap = (await report.getByRole('group', { name: 'Rows with problems' }).boundingBox())!
  expect(table.width).toBeLessThanOrEqual(wrap.width)
  expect(table.width).toBeLessThan(1000)
  const overflow = Number(
    await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    ),
  )
  expect(overflow).toBeLessThanOrEqual(0)
  await problems.scrollIntoViewIfNeeded()
  await snap(page, 'import-report-long-name')
})

test('the retention list refreshes after an appointments import', async ({ page, clinic }) => {
  const { core } = clinic
  const massage = await aService('Sports massage').in(core)
  await aTherapist('Sam Okafor').offering(massage).in(core)
  await aClient({ mobile: '' }).named('Aisha', 'Khan').withEmail('aisha@example.com').in(core)

  await clinic.open(page, { as: 'owner', at: '#/settings/import' })
  const retention = page.getByRole('region', { name: 'Records past retention' })
  await expect(retention.getByText('No records are past their retention period.')).toBeVisible()

  const section = page.getByRole('region', { name: 'Import appointments' })
  await section.getByLabel('CSV file of appointments').setInputFiles({
    name: 'old-diary.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      [
        'Client,Email,Therapist,Service,Start,Status',
        'Aisha Khan,aisha@example.com,Sam Okafor,Sports massage,14/03/2015 09:30,Attended',
      ].join('\r\n'),
    ),
  })
  await section.getByRole('button', { name: 'Check rows' }).click()
  await section.getByRole('button', { name: 'Import 1 appointment' }).click()
  await expect(section.getByText(/Imported 1 appointment/)).toBeVisible()
  // No reload: the list asks main again once the import has landed.
  await expect(retention.getByRole('link', { name: 'Aisha Khan' })).toBeVisible()
})

test('the hint under Role says what the chosen role may do', async ({ page, clinic }) => {
  await clinic.open(page, { as: 'owner', at: '#/settings/staff' })
  await page.getByRole('button', { name: 'Add staff' }).click()
  const role = page.getByLabel('Role')
  await role.selectOption({ label: 'Reception' })
  await expect(page.getByText('cannot read treatment notes')).toBeVisible()
  await role.selectOption({ label: 'Therapist' })
  await expect(page.getByText('cannot read treatment notes')).toHaveCount(0)
  await expect(page.getByText(/writes and reads treatment notes/)).toBeVisible()
})

test('a 500-character clinic name is refused in words, and a new mobile range is saved with a warning', async ({
  page,
  clinic,
}) => {
  await clinic.open(page, { as: 'owner', at: '#/settings' })
  await page.getByLabel('Clinic name').fill('R'.repeat(500))
  await page.getByLabel('Phone').fill('07700 900123')
  await expect(page.getByText(/its range is newer than the numbering list/)).toBeVisible()
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('Keep the clinic name under 120 characters')).toBeVisible()
  await expect(page.getByText(/Too big|expected string/)).toHaveCount(0)

  await page.getByLabel('Clinic name').fill('Riverside Sports Massage')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText(/Saved at/)).toBeVisible()
  const stored = await clinic.core.db
    .selectFrom('clinic_settings')
    .select(['clinic_name', 'phone'])
    .executeTakeFirstOrThrow()
  expect(stored).toEqual({ clinic_name: 'Riverside Sports Massage', phone: '07700 900123' })
})

test('reception saves a client whose mobile is in a range newer than Plinth’s list', async ({
  page,
  clinic,
}) => {
  await clinic.open(page, { as: 'reception', at: '#/clients/new' })
  await page.getByLabel('First name').fill('Tom')
  await page.getByLabel('Last name').fill('Reed')
  await page.getByLabel('Mobile').fill('07911 555666')
  await expect(page.getByText(/Check this number with the client/)).toBeVisible()
  await page.getByRole('textbox', { name: 'Tags' }).fill('Runner; Football, VIP')
  await page.getByRole('button', { name: 'Save client' }).click()
  await expect(page.getByRole('heading', { name: /Tom Reed/ })).toBeVisible()
  const stored = await clinic.core.db
    .selectFrom('clients')
    .select(['mobile', 'tags'])
    .executeTakeFirstOrThrow()
  expect(stored.mobile).toBe('07911 555666')
  expect(JSON.parse(stored.tags)).toEqual(['Runner', 'Football', 'VIP'])
})
