import { expect, expectAccessible, snap, test } from './fixtures'

test('the owner sets up a service and a therapist with a split day and a holiday', async ({
  page,
  clinic,
}) => {
  await clinic.open(page, { as: 'owner', at: '#/settings/services' })
  await page.getByRole('button', { name: 'Add service' }).click()
  const service = page.getByRole('form', { name: 'New service' })
  await service.getByLabel('Name').fill('Sports massage 60 min')
  await service.getByLabel('Price (£)').fill('55')
  await service.getByLabel('Length (minutes)').fill('60')
  await service.getByLabel('Clean-up after (minutes)').fill('15')
  await service.getByRole('button', { name: 'Add service' }).click()
  await expect(page.getByRole('cell', { name: '£55.00' })).toBeVisible()
  const stored = await clinic.core.db
    .selectFrom('services')
    .select(['price_pence', 'buffer_after_minutes'])
    .executeTakeFirstOrThrow()
  expect(stored).toEqual({ price_pence: 5500, buffer_after_minutes: 15 })
  await snap(page, 'settings-services')

  await page.getByRole('link', { name: 'Therapists' }).click()
  await page.getByRole('button', { name: 'Add therapist' }).click()
  const form = page.getByRole('form', { name: 'New therapist' })
  await form.getByLabel('Name', { exact: true }).fill('Sam Patel')
  await form.getByLabel('Monday working hours').fill('09:00-13:00, 14:00-20:00')
  await form.getByLabel('Tuesday working hours').fill('9-5')
  await form.getByRole('button', { name: 'Add therapist' }).click()
  await expect(form.getByText(/Write times like 09:00-13:00/)).toBeVisible()
  await form.getByLabel('Tuesday working hours').fill('09:00-17:00')
  await form.getByLabel('Wednesday breaks').fill('12:30-13:00')
  await form.getByRole('button', { name: 'Add therapist' }).click()
  await expect(page.getByRole('cell', { name: 'Sam Patel', exact: true })).toBeVisible()
  const hours = await clinic.core.db
    .selectFrom('therapist_hours')
    .select(['kind', 'weekday', 'starts', 'ends'])
    .orderBy('weekday')
    .orderBy('starts')
    .execute()
  expect(hours).toContainEqual({ kind: 'work', weekday: 1, starts: '14:00', ends: '20:00' })
  expect(hours).toContainEqual({ kind: 'break', weekday: 3, starts: '12:30', ends: '13:00' })

  await page.getByRole('button', { name: 'Edit Sam Patel' }).click()
  const off = page.getByRole('form', { name: 'Add time off' })
  await off.getByLabel('First day').fill('2030-03-03')
  await off.getByLabel('Last day').fill('2030-03-10')
  await off.getByRole('button', { name: 'Add time off' }).click()
  await expect(page.getByText('3 Mar 2030 – 10 Mar 2030 · Holiday')).toBeVisible()
  // Part of a day: the dentist, 14:00–17:00 on one day (no last day needed).
  await off.getByLabel('First day').fill('2030-03-12')
  await off.getByLabel('From (part of a day)').fill('14:00')
  await off.getByLabel('Reason').fill('Dentist')
  await off.getByRole('button', { name: 'Add time off' }).click()
  await expect(off.getByText('Give both times, or neither for whole days')).toBeVisible()
  await off.getByLabel('Until').fill('17:00')
  await off.getByRole('button', { name: 'Add time off' }).click()
  await expect(page.getByText('12 Mar 2030, 14:00–17:00 · Dentist')).toBeVisible()
  const partDay = await clinic.core.db
    .selectFrom('therapist_time_off')
    .select(['starts_on', 'ends_on', 'from_time', 'until_time'])
    .where('reason', '=', 'Dentist')
    .executeTakeFirstOrThrow()
  expect(partDay).toEqual({
    starts_on: '2030-03-12',
    ends_on: '2030-03-12',
    from_time: '14:00',
    until_time: '17:00',
  })
  await snap(page, 'settings-therapist')
  await expectAccessible(page)

  // Ctrl+S saves the form being typed in, this one too (a user trial lost a change here).
  const edit = page.getByRole('form', { name: 'Edit Sam Patel' })
  await edit.getByLabel('Thursday working hours').fill('10:00-18:00')
  await page.keyboard.press('Control+s')
  await expect
    .poll(async () =>
      clinic.core.db
        .selectFrom('therapist_hours')
        .select(['starts', 'ends'])
        .where('weekday', '=', 4)
        .where('kind', '=', 'work')
        .execute(),
    )
    .toEqual([{ starts: '10:00', ends: '18:00' }])

  await page.getByRole('link', { name: 'Hours' }).click()
  await expect(page.getByLabel('Monday opens')).toHaveValue('08:00')
  await snap(page, 'settings-hours')
  await expectAccessible(page)

  // Saved, the form closed; typing not yet saved is asked about before the page goes.
  await page.getByRole('link', { name: 'Therapists' }).click()
  await page.getByRole('button', { name: 'Edit Sam Patel' }).click()
  await edit.getByLabel('Friday working hours').fill('11:00-15:00')
  await page.getByRole('link', { name: 'Diary' }).click()
  const ask = page.getByRole('dialog', { name: 'Leave without saving?' })
  await expect(ask).toContainText('Your changes to the therapist Sam Patel are not saved yet.')
  await snap(page, 'settings-unsaved-ask')
  await ask.getByRole('button', { name: 'Stay and keep typing' }).click()
  await expect(edit.getByLabel('Friday working hours')).toHaveValue('11:00-15:00')
  await expect(page).toHaveURL(/#\/settings\/therapists/)
  await page.keyboard.press('Alt+1')
  await ask.getByRole('button', { name: 'Leave without saving' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Diary' })).toBeVisible()
})
