import { aSession, call } from '../fixtures/temp-core'
import { expect, expectAccessible, snap, test } from './fixtures'
import { aSmallClinic, at, today } from './small-clinic'

const owner = aSession('owner')

test('Write note is offered from the start whatever the status, and Completed can be undone', async ({
  page,
  clinic,
}) => {
  const { serviceId, samId, priya, tom } = await aSmallClinic(clinic.core)
  const day = today()
  // The tests' clinic clock says 07:30: Priya's 07:00 has started, Tom's 09:00 has not.
  for (const [clientId, time] of [
    [priya, '07:00'],
    [tom, '09:00'],
  ] as const) {
    const r = await call(
      clinic.core,
      'diary.book',
      {
        clientId,
        serviceId,
        therapistId: samId,
        startsAt: at(day, time),
        override: { reason: 'early start' },
        confirmPast: true,
      },
      owner,
    )
    if (!r.ok) throw new Error(r.error.message)
  }
  await clinic.open(page, { as: 'owner', at: '#/diary' })
  await page.locator('.rbc-event', { hasText: 'Tom Reed' }).click()
  const tomDialog = page.getByRole('dialog', { name: 'Tom Reed' })
  await expect(tomDialog.getByRole('button', { name: 'Arrived' })).toBeVisible()
  await expect(tomDialog.getByRole('link', { name: 'Write note' })).toHaveCount(0)
  await page.keyboard.press('Escape')

  await page.locator('.rbc-event', { hasText: 'Priya Shah' }).click()
  const dialog = page.getByRole('dialog', { name: 'Priya Shah' })
  // Still "Booked", but it has started: the note can be written now.
  await expect(dialog.locator('.status-pill')).toHaveText('Booked')
  await expect(dialog.getByRole('link', { name: 'Write note' })).toBeVisible()
  await dialog.getByRole('button', { name: 'Completed' }).click()
  await expect(dialog.locator('.status-pill')).toHaveText('Completed')
  await expect(dialog.getByRole('button', { name: 'Back to arrived' })).toBeVisible()
  await snap(page, 'appointment-completed-undo')
  await expectAccessible(page)
  await dialog.getByRole('button', { name: 'Back to booked' }).click()
  await expect(dialog.locator('.status-pill')).toHaveText('Booked')
  await expect(dialog.getByText('Marked booked (was completed)')).toBeVisible()
  const row = await clinic.core.db
    .selectFrom('appointments')
    .select('status')
    .where('client_id', '=', priya)
    .executeTakeFirstOrThrow()
  expect(row.status).toBe('booked')
})
