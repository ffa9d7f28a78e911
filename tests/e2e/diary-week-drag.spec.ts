import { aSession, call } from '../fixtures/temp-core'
import { expect, snap, test } from './fixtures'
import { aSmallClinic, at, today } from './small-clinic'
import { dragDown } from './diary-drag'

const owner = aSession('owner')

test('a booking dragged in the week view moves, in everyone’s week and in one therapist’s, and is undone', async ({
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

  // While a booking is dragged its place is emptied and one preview follows the pointer;
  // Escape puts everything back (only the dragged booking is redrawn: calendar-memo.ts).
  const box = (await priyaEvent.boundingBox())!
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 40, { steps: 5 })
  await expect(page.locator('.rbc-addons-dnd-drag-preview')).toHaveCount(1)
  await expect(page.locator('.rbc-addons-dnd-dragged-event')).toHaveCount(1)
  await expect(page.locator('.rbc-addons-dnd-dragged-event')).toContainText('Priya Shah')
  await expect(page.locator('.rbc-event', { hasText: 'Tom Reed' })).not.toHaveClass(
    /rbc-addons-dnd-dragged-event/,
  )
  await page.keyboard.press('Escape')
  await page.mouse.up()
  await expect(page.locator('.rbc-addons-dnd-drag-preview')).toHaveCount(0)
  await expect(page.locator('.rbc-addons-dnd-dragged-event')).toHaveCount(0)
  expect(await stored(priya)).toEqual({ starts_at: at(day, '09:00'), therapist_id: samId })

  // Everyone's week: Priya (with Sam) two hours later; Sam keeps her.
  await dragDown(page, priyaEvent, 2)
  await expect(page.getByRole('status').filter({ hasText: 'Priya Shah moved to' })).toBeVisible()
  await expect(page.getByRole('alert')).toHaveCount(0)
  expect(await stored(priya)).toEqual({ starts_at: at(day, '11:00'), therapist_id: samId })
  await expect(priyaEvent.locator('.ev-time')).toHaveText('11:00')
  await snap(page, 'diary-week-everyone-dragged')
  // Not from behind an open dialog, where the move it would undo cannot be seen.
  await page.locator('.rbc-event', { hasText: 'Tom Reed' }).click()
  await expect(page.getByRole('dialog')).toBeVisible()
  await page.keyboard.press('Control+z')
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)
  expect(await stored(priya)).toEqual({ starts_at: at(day, '11:00'), therapist_id: samId })
  // A drag is one slip from the wrong slot: Ctrl+Z puts it back, and main has it back.
  await page.keyboard.press('Control+z')
  await expect(page.getByRole('status')).toContainText('Undone: Priya Shah is back at')
  expect(await stored(priya)).toEqual({ starts_at: at(day, '09:00'), therapist_id: samId })
  await expect(priyaEvent.locator('.ev-time')).toHaveText('09:00')
  await expect(page.getByRole('button', { name: /^Undo/ })).toHaveCount(0)

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
  // The Undo button does the same.
  await page.getByRole('button', { name: /^Undo/ }).click()
  await expect(page.getByRole('status')).toContainText('Undone: Tom Reed is back at')
  expect(await stored(tom)).toEqual({ starts_at: at(day, '09:00'), therapist_id: jo.value.id })
})
