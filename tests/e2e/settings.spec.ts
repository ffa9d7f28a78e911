import { expect, expectAccessible, snap, test } from './fixtures'

test('the shell opens on the diary and is accessible', async ({ page, clinic }) => {
  await clinic.open(page)
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: 'Diary' })).toBeVisible()
  await expect(page.getByTestId('clinic-name')).toHaveText('My clinic')
  await snap(page, 'shell-diary')
  await expectAccessible(page)

  await page.keyboard.press('Alt+7')
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  await page.getByRole('link', { name: 'Clients' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible()
})

test('the owner renames the clinic and it is kept after a reload', async ({ page, clinic }) => {
  await clinic.open(page, { at: '#/settings' })
  const name = page.getByLabel('Clinic name')
  await expect(name).toHaveValue('My clinic')
  await name.fill('Riverside Sports Massage')
  await page.getByLabel('Phone').fill('020 7946 0000')
  await expect(page.getByText('Unsaved changes')).toBeVisible()
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText(/Saved at \d\d:\d\d/)).toBeVisible()
  await expect(page.getByTestId('clinic-name')).toHaveText('Riverside Sports Massage')
  await snap(page, 'settings-saved')
  await expectAccessible(page)

  await page.reload()
  await expect(page.getByLabel('Clinic name')).toHaveValue('Riverside Sports Massage')
  await expect(page.getByLabel('Phone')).toHaveValue('020 7946 0000')
  const stored = await clinic.core.db
    .selectFrom('clinic_settings')
    .select(['clinic_name', 'phone'])
    .executeTakeFirstOrThrow()
  expect(stored).toEqual({ clinic_name: 'Riverside Sports Massage', phone: '020 7946 0000' })
})

test('a bad value is explained next to its field and nothing is saved', async ({
  page,
  clinic,
}) => {
  await clinic.open(page, { at: '#/settings' })
  await page.getByLabel('Clinic name').fill('')
  await page.getByLabel('Phone').fill('not a number')
  await page.keyboard.press('Control+s')
  await expect(page.getByLabel('Clinic name')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByText('Enter the clinic name')).toBeVisible()
  await expect(page.getByText(/Enter a valid phone number/)).toBeVisible()
  await snap(page, 'settings-errors')
  await expectAccessible(page)
  const stored = await clinic.core.db
    .selectFrom('clinic_settings')
    .select('clinic_name')
    .executeTakeFirstOrThrow()
  expect(stored.clinic_name).toBe('My clinic')
})

test('unsaved typing survives leaving the screen and coming back', async ({ page, clinic }) => {
  await clinic.open(page, { at: '#/settings' })
  await page.getByLabel('Clinic name').fill('Half-typed name')
  await page.getByRole('link', { name: 'Diary' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Diary' })).toBeVisible()
  await page.getByRole('link', { name: 'Settings' }).click()
  await expect(page.getByLabel('Clinic name')).toHaveValue('Half-typed name')
  await expect(page.getByText(/Unsaved changes/)).toBeVisible()
  await page.getByRole('button', { name: 'Discard changes' }).click()
  await expect(page.getByLabel('Clinic name')).toHaveValue('My clinic')
})
