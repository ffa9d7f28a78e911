// A save main refuses shows its words on a visible field, and the form saves again once
// corrected, without a reload (issue #11 item 10).
import type { Page } from '@playwright/test'
import { expect, snap, test, type Clinic } from './fixtures'

/** Settings → Therapists → Add therapist, with the name typed: the form to fill. */
async function newTherapist(page: Page, clinic: Clinic, name: string) {
  await clinic.open(page, { as: 'owner', at: '#/settings/therapists' })
  await page.getByRole('button', { name: 'Add therapist' }).click()
  const form = page.getByRole('form', { name: 'New therapist' })
  await form.getByLabel('Name', { exact: true }).fill(name)
  return form
}

test('opening hours that close before they open are highlighted on that day, and Save works once corrected', async ({
  page,
  clinic,
}) => {
  await clinic.open(page, { as: 'owner', at: '#/settings/hours' })
  const form = page.getByRole('form', { name: 'Opening hours' })
  await form.getByLabel('Monday opens').fill('20:00')
  await form.getByLabel('Monday closes').fill('08:00')
  // Thursday comes second in what is sent: the error must still land on Thursday.
  await form.getByLabel('Thursday opens').fill('18:00')
  await form.getByLabel('Thursday closes').fill('10:00')
  await form.getByRole('button', { name: 'Save hours' }).click()

  await expect(form.getByRole('alert').filter({ hasText: 'Please correct' })).toBeVisible()
  await expect(form.getByLabel('Monday closes')).toHaveAttribute('aria-invalid', 'true')
  await expect(form.getByLabel('Thursday closes')).toHaveAttribute('aria-invalid', 'true')
  await expect(form.getByText('Close after opening')).toHaveCount(2)
  await expect(form.getByLabel('Tuesday closes')).not.toHaveAttribute('aria-invalid', 'true')
  await snap(page, 'hours-refused-on-the-day')

  await form.getByLabel('Monday closes').fill('21:00')
  await form.getByLabel('Thursday closes').fill('20:00')
  await form.getByRole('button', { name: 'Save hours' }).click()
  await expect(form.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible()
  await expect(form.getByText('Close after opening')).toHaveCount(0)
  const rows = await clinic.core.db
    .selectFrom('clinic_hours')
    .select(['weekday', 'opens', 'closes'])
    .where('weekday', 'in', [1, 4])
    .orderBy('weekday')
    .execute()
  expect(rows).toEqual([
    { weekday: 1, opens: '20:00', closes: '21:00' },
    { weekday: 4, opens: '18:00', closes: '20:00' },
  ])
})

test('a therapist’s overlapping Wednesday is highlighted on Wednesday, and Add works once corrected', async ({
  page,
  clinic,
}) => {
  const form = await newTherapist(page, clinic, 'Sam Patel')
  await form.getByLabel('Wednesday working hours').fill('09:00-13:00, 12:00-20:00')
  await form.getByLabel('Friday breaks').fill('12:00-13:00, 12:30-13:30')
  await form.getByRole('button', { name: 'Add therapist' }).click()

  await expect(form.getByLabel('Wednesday working hours')).toHaveAttribute('aria-invalid', 'true')
  await expect(form.getByText('Overlaps 09:00-13:00 on Wednesday')).toBeVisible()
  await expect(form.getByLabel('Friday breaks')).toHaveAttribute('aria-invalid', 'true')
  await expect(form.getByText('Overlaps 12:00-13:00 on Friday')).toBeVisible()
  // What was typed stays, to be corrected rather than retyped.
  await expect(form.getByLabel('Wednesday working hours')).toHaveValue('09:00-13:00, 12:00-20:00')
  await snap(page, 'therapist-refused-on-the-day')

  await form.getByLabel('Wednesday working hours').fill('09:00-13:00, 14:00-20:00')
  await form.getByLabel('Friday breaks').fill('12:00-13:00')
  await form.getByRole('button', { name: 'Add therapist' }).click()
  await expect(page.getByRole('cell', { name: 'Sam Patel', exact: true })).toBeVisible()
  const wednesday = await clinic.core.db
    .selectFrom('therapist_hours')
    .select(['kind', 'starts', 'ends'])
    .where('weekday', '=', 3)
    .where('kind', '=', 'work')
    .orderBy('starts')
    .execute()
  expect(wednesday).toEqual([
    { kind: 'work', starts: '09:00', ends: '13:00' },
    { kind: 'work', starts: '14:00', ends: '20:00' },
  ])
})

test('a break outside working hours is refused on its day; hours outside opening hours are saved with a warning', async ({
  page,
  clinic,
}) => {
  const form = await newTherapist(page, clinic, 'Sam Patel')
  await form.getByLabel('Wednesday breaks').fill('18:00-19:00')
  // The demo clinic opens 09:00-17:00 on Saturdays.
  await form.getByLabel('Saturday working hours').fill('07:00-12:00')
  await expect(form.getByText('Not bookable: 07:00-09:00, outside opening hours')).toBeVisible()
  await form.getByRole('button', { name: 'Add therapist' }).click()
  await expect(form.getByLabel('Wednesday breaks')).toHaveAttribute('aria-invalid', 'true')
  await expect(
    form.getByText('18:00-19:00 is outside Wednesday’s working hours (09:00-17:00)'),
  ).toBeVisible()
  await snap(page, 'therapist-break-outside-hours')

  await form.getByLabel('Wednesday breaks').fill('13:00-13:30')
  await form.getByRole('button', { name: 'Add therapist' }).click()
  await expect(page.getByRole('cell', { name: 'Sam Patel', exact: true })).toBeVisible()

  // Shortening Saturday's opening warns that Sam's Saturday morning cannot be booked.
  await page.getByRole('link', { name: 'Hours' }).click()
  await page.getByLabel('Saturday opens').fill('10:00')
  await expect(
    page.getByText('Outside these hours, not bookable: Sam Patel 07:00-10:00'),
  ).toBeVisible()
})
