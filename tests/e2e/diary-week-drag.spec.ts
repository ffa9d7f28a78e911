import type { Locator, Page } from '@playwright/test'
import { aSession, call } from '../fixtures/temp-core'
import { expect, snap, test } from './fixtures'
import { aSmallClinic, at, today } from './small-clinic'

const owner = aSession('owner')

/** Grabs a booking by its middle (its edges resize) and drops it `hours` later, same day. */
async function dragDown(page: Page, event: Locator, hours: number) {
  const nine = (await page
    .locator('.rbc-time-gutter .rbc-label', { hasText: /^09:00$/ })
    .boundingBox())!
  const ten = (await page
    .locator('.rbc-time-gutter .rbc-label', { hasText: /^10:00$/ })
    .boundingBox())!
  const hour = ten.y - nine.y
  const box = (await event.boundingBox())!
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2
  await page.mouse.move(x, y)
  await page.mouse.down()
  await page.mouse.move(x, y + hour / 2, { steps: 5 })
  await page.mouse.move(x, y + hours * hour + 4, { steps: 8 })
  await page.mouse.up()
}

test('a booking dragged in the week view moves, in everyone’s week and in one therapist’s', async ({
  page,
  clinic,
}) => {
  const { serviceId, samId, priya, tom } = await aSmallClinic(clinic.core)
  const every = [1, 2, 3, 4, 5, 6, 7]
  const jo = await call(
    clinic.core,
    'therapists.create',
    {
      name: 'Jo Clarke',
      colour: '#7c3aed',
      serviceIds: [serviceId],
      hours: every.map((weekday) => ({ weekday, starts: '08:00', ends: '20:00' })),
      breaks: [],
    },
    owner,
  )
  if (!jo.ok) throw new Error(jo.error.message)
  const day = today()
  for (const [clientId, therapistId] of [
    [priya, samId],
    [tom, jo.value.id],
  ] as const) {
    const r = await call(
      clinic.core,
      'diary.book',
      { clientId, serviceId, therapistId, startsAt: at(day, '09:00') },
      owner,
    )
    if (!r.ok) throw new Error(r.error.message)
  }
  const stored = async (clientId: number) =>
    clinic.core.db
      .selectFrom('appointments')
      .select(['starts_at', 'therapist_id'])
      .where('client_id', '=', clientId)
      .executeTakeFirstOrThrow()

  await clinic.open(page, { as: 'reception', at: '#/diary' })
  await page.getByRole('button', { name: 'Week', exact: true }).click()
  const calendar = page.getByTestId('diary-calendar')
  await expect(calendar).toHaveAttribute('data-state', 'ready')
  const priyaEvent = page.locator('.rbc-event', { hasText: 'Priya Shah' })
  await expect(priyaEvent).toBeVisible()

  // Everyone's week: Priya (with Sam) two hours later; Sam keeps her.
  await dragDown(page, priyaEvent, 2)
  await expect(page.getByRole('status').filter({ hasText: 'Priya Shah moved to' })).toBeVisible()
  await expect(page.getByRole('alert')).toHaveCount(0)
  expect(await stored(priya)).toEqual({ starts_at: at(day, '11:00'), therapist_id: samId })
  await expect(priyaEvent.locator('.ev-time')).toHaveText('11:00')
  await snap(page, 'diary-week-everyone-dragged')

  // One therapist's week (Jo): Tom an hour later; Jo keeps him.
  await page.getByLabel('Therapist').selectOption({ label: 'Jo Clarke' })
  const tomEvent = page.locator('.rbc-event', { hasText: 'Tom Reed' })
  await expect(tomEvent).toBeVisible()
  await expect(priyaEvent).toHaveCount(0)
  await dragDown(page, tomEvent, 1)
  await expect(page.getByRole('status').filter({ hasText: 'Tom Reed moved to' })).toBeVisible()
  expect(await stored(tom)).toEqual({ starts_at: at(day, '10:00'), therapist_id: jo.value.id })
  await expect(tomEvent.locator('.ev-time')).toHaveText('10:00')
  await snap(page, 'diary-week-one-therapist-dragged')
})
