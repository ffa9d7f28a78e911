import { expect, test } from './fixtures'

// A user trial opened #/diary/sheet/2026-13-45: "Invalid time value" unmounted the whole app
// and left a white window until a reload. One screen's fault now stays on that screen.
test('a screen that cannot be drawn says so, and the rest of Plinth keeps working', async ({
  page,
  clinic,
}) => {
  await clinic.open(page, { as: 'reception', at: '#/diary/sheet/2026-13-45' })
  await expect(
    page.getByRole('alert').filter({ hasText: 'This screen could not be shown' }),
  ).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Diary' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Diary' })).toBeVisible()
  await expect(page.getByText('This screen could not be shown')).toHaveCount(0)
})
