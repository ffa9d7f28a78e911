import type { PlinthBridge } from '../../src/shared/rpc'
import { aStaffMember, TEST_PASSWORD } from '../fixtures/staff'
import { expect, expectAccessible, snap, test } from './fixtures'
import { clinicNow } from './clinic-clock'

test('first run: the owner sets up the clinic and lands in the app', async ({ page, clinic }) => {
  await page.goto(clinic.url)
  await expect(page.getByRole('heading', { name: 'Set up your clinic' })).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('Clinic name').fill('Riverside Sports Massage')
  await page.getByLabel('Your name').fill('Alex Morgan')
  await page.getByLabel('Username').fill('alex')
  await page.getByLabel('Password', { exact: true }).fill('password123')
  await page.getByLabel('Confirm password').fill('password123')
  await page.getByRole('button', { name: 'Create owner account' }).click()
  await expect(page.getByText(/commonly used passwords/)).toHaveCount(2)
  await snap(page, 'auth-first-run-refused')

  await page.getByLabel('Password', { exact: true }).fill('hamstring season 2026')
  await page.getByLabel('Confirm password').fill('hamstring season 2026')
  await page.getByRole('button', { name: 'Create owner account' }).click()
  // The recovery key comes next (issue 12; tests/e2e/encryption.spec.ts looks at it closely).
  await expect(page.getByRole('heading', { name: 'Your recovery key' })).toBeVisible()
  await page.getByLabel(/I have printed it/).check()
  await page.getByRole('button', { name: 'Continue to Plinth' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Diary' })).toBeVisible()
  await expect(page.getByTestId('clinic-name')).toHaveText('Riverside Sports Massage')
  await expect(page.getByText('Alex Morgan')).toBeVisible()
})

test('reception is added by the owner, must change the password, and sees no owner screens', async ({
  page,
  clinic,
}) => {
  await clinic.open(page, { as: 'owner', at: '#/settings/staff' })
  await page.getByRole('button', { name: 'Add staff' }).click()
  await page.getByLabel('Name', { exact: true }).fill('Jo Reception')
  await page.getByLabel('Username').fill('jo')
  await page.getByLabel('Role').selectOption('reception')
  await page.getByLabel('Temporary password').fill('welcome to the desk')
  await page.getByRole('button', { name: 'Add account' }).click()
  await expect(page.getByRole('cell', { name: 'Must choose a new password' })).toBeVisible()
  await snap(page, 'auth-staff-list')
  await expectAccessible(page)

  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await page.getByLabel('Username').fill('jo')
  await page.getByLabel('Password').fill('welcome to the desk')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible()
  // A new account: nobody reset anything, it was given a temporary password.
  await expect(page.getByText('you signed in with a temporary password')).toBeVisible()
  await expect(page.getByText(/reset by the owner/)).toHaveCount(0)
  await page.getByLabel('Temporary password').fill('welcome to the desk')
  await page.getByLabel('New password', { exact: true }).fill('front desk and phones')
  await page.getByLabel('Confirm new password').fill('front desk and phones')
  await page.getByRole('button', { name: 'Change password' }).click()

  await expect(page.getByRole('heading', { level: 1, name: 'Diary' })).toBeVisible()
  const nav = page.getByRole('navigation', { name: 'Main' })
  // Reception takes payments at the desk, so Money is theirs too (issue #13).
  await expect(nav.getByRole('link')).toHaveText(['Diary', 'Clients', 'Money', 'Messages'])
  // Typing an owner screen's address does not open it either.
  await page.goto(`${clinic.url}#/settings/staff`)
  await expect(page.getByRole('heading', { level: 1, name: 'Diary' })).toBeVisible()
  // And main refuses the call even if the renderer tried.
  const refused = await page.evaluate(() =>
    (globalThis as unknown as { plinth: PlinthBridge }).plinth.invoke('users.list', {}),
  )
  expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  await snap(page, 'auth-reception-shell')
})

test.describe('with the page clock under the test’s control', () => {
  test.use({ pinClock: false })

  test('the screen locks when idle and on Ctrl+L, and unlocks with the password', async ({
    page,
    clinic,
  }) => {
    await page.clock.install({ time: clinicNow() })
    await clinic.open(page, { as: 'reception', at: '#/clients' })
    await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible()

    await page.clock.fastForward('05:10')
    await expect(page.getByRole('heading', { name: 'Plinth is locked' })).toBeVisible()
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0)
    await snap(page, 'auth-locked')
    await expectAccessible(page)
    await page.getByLabel('Password').fill('not my password')
    await page.getByRole('button', { name: 'Unlock' }).click()
    await expect(page.getByText('That password or PIN is not right.')).toBeVisible()
    await page.getByLabel('Password').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Unlock' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible()

    await page.keyboard.press('Control+l')
    await expect(page.getByRole('heading', { name: 'Plinth is locked' })).toBeVisible()
    await page.getByRole('button', { name: 'Switch user' }).click()
    await aStaffMember(clinic.core.db, 'therapist', {
      username: 'sam',
      displayName: 'Sam Therapist',
    })
    await page.getByLabel('Username').fill('sam')
    await page.getByLabel('Password').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Sign in and take over' }).click()
    await expect(page.getByText('Sam Therapist')).toBeVisible()
  })
})

test('the owner sees sign-ins, failures and locks in the audit log and exports them', async ({
  page,
  clinic,
}) => {
  await aStaffMember(clinic.core.db, 'reception', { username: 'jo', displayName: 'Jo Reception' })
  // Jo mistypes once, then signs in and locks the screen, through the real router.
  const desk = clinic.core.connect()
  await desk.call('auth.signIn', { username: 'jo', password: 'wrong password here' })
  await desk.call('auth.signIn', { username: 'jo', password: TEST_PASSWORD })
  await desk.call('auth.lock', { reason: 'manual' })

  await clinic.open(page, { as: 'owner', at: '#/audit' })
  const table = page.getByRole('table')
  await expect(table.getByRole('row')).toHaveCount(4)
  await expect(table.getByRole('cell', { name: 'auth.signInFailed' })).toBeVisible()
  await expect(table.getByRole('cell', { name: 'Locked on demand' })).toBeVisible()

  await page.getByLabel('Action').selectOption({ label: 'Failed sign-ins' })
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(table.getByRole('row')).toHaveCount(2)
  await snap(page, 'auth-audit')
  await expectAccessible(page)

  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export CSV' }).click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/^plinth-audit-\d{4}-\d\d-\d\d\.csv$/)
  const csv = await (await file.createReadStream()).toArray()
  expect(Buffer.concat(csv).toString()).toMatch(/auth\.signInFailed,user,\d+,,/)
  await expect(page.getByText('Exported 1 rows')).toBeVisible()
})
