import { seedDemoClinic } from '../../src/main/seed/demo-clinic'
import { aStaffMember } from '../fixtures/staff'
import { expect, expectAccessible, snap, test } from './fixtures'

// Issue 14, "Roles": a therapist sees only their own appointment figures and commission, once
// the owner allows it in a setting. Until then the side bar has no Reports and the screen,
// opened by address, says why; afterwards only their own sections, their name fixed.

test('a therapist sees their own figures only once the owner shares them', async ({
  page,
  clinic,
}) => {
  test.setTimeout(240_000)
  await seedDemoClinic(clinic.core, { clients: 40, history: true })
  const sam = await clinic.core.db
    .selectFrom('therapists')
    .select(['id', 'name'])
    .where('name', '=', 'Sam Patel')
    .executeTakeFirstOrThrow()
  const me = await aStaffMember(clinic.core.db, 'therapist', { username: 'sam' })
  await clinic.core.db
    .updateTable('users')
    .set({ therapist_id: sam.id })
    .where('id', '=', me.userId)
    .execute()
  clinic.server.connection.begin(me)
  await page.goto(`${clinic.url}#/reports`)

  // Not shared yet: no side-bar entry, and the screen says why and who can change it.
  const nav = page.getByRole('navigation', { name: 'Main' })
  await expect(nav.getByRole('link', { name: 'Diary' })).toBeVisible()
  await expect(nav.getByRole('link', { name: 'Reports' })).toHaveCount(0)
  await expect(
    page.getByRole('heading', { name: 'Your figures are not shared with you' }),
  ).toBeVisible()
  await expect(page.getByText('The owner has not shared reports with therapists.')).toBeVisible()
  await snap(page, 'reports-therapist-blocked')

  // The owner ticks the setting (as on their own screen); the therapist reloads.
  const owner = await aStaffMember(clinic.core.db, 'owner', { username: 'boss' })
  const shared = await clinic.core.router.call(
    'reports.updateSettings',
    {
      rebookWindowDays: 30,
      therapistsSeeOwn: true,
      commissionBasis: 'received',
      recallWeeks: 12,
      vatStagger: 1,
    },
    owner,
  )
  expect(shared.ok).toBe(true)
  await page.reload()
  await expect(nav.getByRole('link', { name: 'Reports' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: 'My figures' })).toBeVisible()
  await expect(page.getByText('Therapist: Sam Patel (your own figures)')).toBeVisible()
  await expect(page.getByRole('combobox', { name: 'Therapist' })).toHaveCount(0)
  const regions = page.locator('section.report-section h2')
  await expect(regions).toHaveText(['Appointments', 'Utilisation', /Therapist commission/])
  await expect(page.getByRole('region', { name: 'Takings' })).toHaveCount(0)
  await expect(page.getByText('Report settings and commission rates')).toHaveCount(0)
  const utilisation = page.getByRole('figure', { name: 'Utilisation by therapist' })
  await expect(utilisation).toContainText('Sam Patel')
  await utilisation.getByRole('button', { name: 'Show table' }).click()
  await expect(utilisation.getByRole('table').locator('tbody tr')).toHaveCount(1)

  // The rows behind their DNAs are all theirs.
  const appointments = page.getByRole('region', { name: 'Appointments' })
  await appointments.getByRole('button', { name: 'Show the rows behind Appointments' }).click()
  const dialog = page.getByRole('dialog', { name: 'Rows behind: Appointments' })
  await expect(dialog.getByRole('status')).toHaveText(/^Rows 1–\d+ of \d+$/)
  const therapists = await dialog.locator('tbody td:nth-child(3)').allTextContents()
  expect(therapists.length).toBeGreaterThan(0)
  expect(new Set(therapists)).toEqual(new Set(['Sam Patel']))
  await page.keyboard.press('Escape')
  await snap(page, 'reports-therapist-own')
  await expectAccessible(page)
})
