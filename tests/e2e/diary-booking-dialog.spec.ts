import type { PlinthCore } from '../../src/main/app-core'
import { aSession, call } from '../fixtures/temp-core'
import { expect, expectAccessible, snap, test } from './fixtures'
import { aSmallClinic, at, today } from './small-clinic'

const owner = aSession('owner')
const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

/** A second, 30-minute service Sam also offers, alphabetically before the 60-minute one. */
async function anAssessment(core: PlinthCore, samId: number) {
  const assessment = ok(
    await call(
      core,
      'services.create',
      {
        name: 'Assessment 30 min',
        durationMinutes: 30,
        pricePence: 3000,
        bufferAfterMinutes: 0,
        colour: '#c2410c',
      },
      owner,
    ),
  )
  // Set up directly: the owner's therapist form is not what this test is about.
  await core.db
    .insertInto('therapist_services')
    .values({ therapist_id: samId, service_id: assessment.id })
    .execute()
  return assessment.id
}

test('an empty slot’s time survives a change of service; the default is the most booked service', async ({
  page,
  clinic,
}) => {
  const { serviceId, samId, tom } = await aSmallClinic(clinic.core)
  const assessmentId = await anAssessment(clinic.core, samId)
  // Sam's history: the 60-minute massage, twice.
  for (const time of ['12:00', '14:00']) {
    ok(
      await call(
        clinic.core,
        'diary.book',
        { clientId: tom, serviceId, therapistId: samId, startsAt: at(today(), time) },
        owner,
      ),
    )
  }
  await clinic.open(page, { as: 'reception', at: '#/diary' })
  await expect(page.getByTestId('diary-calendar')).toHaveAttribute('data-state', 'ready')
  // The 10:00 slot in Sam's column: 07:00 is the first row, four quarter hours an hour.
  const ten = page.locator('.rbc-day-slot').first().locator('.rbc-time-slot').nth(12)
  await ten.scrollIntoViewIfNeeded()
  const box = (await ten.boundingBox())!
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  const dialog = page.getByRole('dialog', { name: 'New booking' })
  await expect(
    dialog.getByRole('option', { name: /10:00\s*Sam Patel/, selected: true }),
  ).toBeVisible()
  // Most booked, not first alphabetically ("Assessment 30 min").
  await expect(dialog.getByLabel('Service')).toHaveValue(String(serviceId))
  await dialog.getByLabel('Service').selectOption(String(assessmentId))
  // Still chosen: 10:00 with Sam is still free for the shorter service.
  await expect(
    dialog.getByRole('option', { name: /10:00\s*Sam Patel/, selected: true }),
  ).toBeVisible()
  await expect(dialog.getByText('does not fit these choices')).toHaveCount(0)
  await dialog.getByLabel('Client').fill('Priya')
  await expect(dialog.getByRole('option', { name: /Priya Shah/ })).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(dialog.locator('.booking-summary')).toContainText('Assessment 30 min')
  await expect(dialog.locator('.booking-summary')).toContainText('10:00 with Sam Patel')
  await dialog.getByRole('button', { name: 'Book', exact: true }).click()
  await expect(dialog).toBeHidden()
  const row = await clinic.core.db
    .selectFrom('appointments')
    .select(['starts_at', 'ends_at'])
    .where('client_id', '!=', tom)
    .executeTakeFirstOrThrow()
  expect(row).toEqual({ starts_at: at(today(), '10:00'), ends_at: at(today(), '10:30') })
})

test('Thursday evening by keyboard: weekday and time of day, Later keeps the focus, a past date is said', async ({
  page,
  clinic,
}) => {
  await aSmallClinic(clinic.core)
  await clinic.open(page, { as: 'reception', at: '#/clients' })
  await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible()
  await page.keyboard.press('Control+b')
  const dialog = page.getByRole('dialog', { name: 'New booking' })
  await page.keyboard.type('Priya')
  await expect(dialog.getByRole('option', { name: /Priya Shah/ })).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(dialog.getByLabel('Service')).toBeFocused()
  await page.keyboard.press('Tab') // therapist
  await page.keyboard.press('Tab') // time of day
  await expect(dialog.getByLabel('Time of day')).toBeFocused()
  await dialog.getByLabel('Time of day').selectOption('evening')
  await page.keyboard.press('Tab')
  await expect(dialog.getByLabel('Days')).toBeFocused()
  await dialog.getByLabel('Days').selectOption('thu')
  const times = dialog.getByRole('listbox', { name: 'Free times' })
  await expect(times.getByRole('option').first()).toContainText(/^Thu \d+ \w+, 17:00/)
  const labels = await times.getByRole('option').allTextContents()
  expect(labels.every((l) => /^Thu \d+ \w+, (1[7-9]|2\d):\d\d/.test(l))).toBe(true)
  const later = dialog.getByRole('button', { name: 'Later' })
  await later.focus()
  await page.keyboard.press('Enter')
  await expect(times.getByRole('option').first()).not.toHaveText(labels[0]!)
  await expect(later).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(later).toBeFocused()
  await snap(page, 'booking-thursday-evening')
  await expectAccessible(page)

  // A "Search from" date that has passed: the search starts today, and says so.
  await dialog.getByLabel('Search from').fill('2026-06-01')
  await expect(
    dialog.getByText('That date has passed, so the search starts from today.'),
  ).toBeVisible()
  await expect(times.getByRole('option').first()).toContainText('Thu 18 Jun, 17:00')
})

test('a new client added while booking gets the same duplicate check as Clients → New client', async ({
  page,
  clinic,
}) => {
  await aSmallClinic(clinic.core)
  ok(
    await call(
      clinic.core,
      'clients.create',
      { firstName: 'Sarah', lastName: 'Jones', mobile: '07834 567890' },
      owner,
    ),
  )
  await clinic.open(page, { as: 'reception', at: '#/diary' })
  await page.getByRole('button', { name: 'New booking' }).click()
  const dialog = page.getByRole('dialog', { name: 'New booking' })
  await dialog.getByLabel('Client').fill('Sally Jones')
  await expect(dialog.getByText('No clients match “Sally Jones”')).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(dialog.getByLabel('First name')).toHaveValue('Sally')
  await expect(dialog.getByLabel('Last name')).toHaveValue('Jones')
  await dialog.getByLabel('Mobile').fill('+44 7834 567890')
  await expect(dialog.getByRole('heading', { name: 'Possibly already on file' })).toBeVisible()
  await expect(dialog.locator('.duplicates strong')).toHaveText('Sarah Jones')
  await dialog.getByRole('button', { name: 'Add client' }).click()
  await expect(dialog.getByText('This caller may already be on file')).toBeVisible()
  await snap(page, 'booking-quick-add-duplicate')
  const count = async () =>
    (
      await clinic.core.db
        .selectFrom('clients')
        .select('id')
        .where('last_name', '=', 'Jones')
        .execute()
    ).length
  expect(await count()).toBe(1)
  // It really is Sarah: use her record.
  await dialog.getByRole('button', { name: 'Use Sarah Jones' }).click()
  await expect(dialog.locator('.chosen-client-box')).toContainText('Sarah Jones')
  expect(await count()).toBe(1)
  // Someone else with a household phone: added after the warning was seen.
  await dialog.getByRole('button', { name: 'Change client' }).click()
  await dialog.getByLabel('Client').fill('Sally Jones')
  await expect(dialog.getByText('No clients match “Sally Jones”')).toBeVisible()
  await dialog.getByRole('button', { name: 'Add a new client' }).click()
  await dialog.getByLabel('Mobile').fill('07834 567890')
  await expect(dialog.getByRole('heading', { name: 'Possibly already on file' })).toBeVisible()
  await dialog.getByRole('button', { name: 'Add client' }).click()
  await dialog.getByRole('button', { name: 'Add as a new client anyway' }).click()
  await expect(dialog.locator('.chosen-client-box')).toContainText('Sally Jones')
  expect(await count()).toBe(2)
})

test('Esc closes the Ctrl+K lookup even with text typed, and Ctrl+B replaces it', async ({
  page,
  clinic,
}) => {
  await aSmallClinic(clinic.core)
  await clinic.open(page, { as: 'reception', at: '#/diary' })
  await expect(page.getByTestId('diary-calendar')).toBeVisible()
  await page.keyboard.press('Control+k')
  const lookup = page.getByRole('dialog', { name: 'Find a client' })
  await expect(lookup).toBeVisible()
  await page.keyboard.type('Pri')
  await page.keyboard.press('Escape')
  await expect(lookup).toBeHidden()
  await page.keyboard.press('Control+k')
  await expect(lookup).toBeVisible()
  await page.keyboard.type('Tom')
  await page.keyboard.press('Control+b')
  await expect(page.getByRole('dialog', { name: 'New booking' })).toBeVisible()
  await expect(lookup).toBeHidden()
  await expect(page.getByRole('dialog')).toHaveCount(1)
})

test('the diary grows its hours to show bookings outside them, and scrolls to a new booking', async ({
  page,
  clinic,
}) => {
  const { serviceId, samId, priya, tom } = await aSmallClinic(clinic.core)
  const day = today()
  const tomorrow = new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
  for (const [clientId, date, time] of [
    [priya, day, '21:00'],
    [tom, day, '23:30'],
  ] as const) {
    ok(
      await call(
        clinic.core,
        'diary.book',
        {
          clientId,
          serviceId,
          therapistId: samId,
          startsAt: at(date, time),
          override: { reason: 'late session agreed' },
        },
        owner,
      ),
    )
  }
  await clinic.open(page, { as: 'reception', at: '#/diary' })
  await expect(page.getByTestId('diary-calendar')).toHaveAttribute('data-state', 'ready')
  const late = page.locator('.rbc-event', { hasText: 'Priya Shah' })
  const midnight = page.locator('.rbc-event', { hasText: 'Tom Reed' })
  await late.scrollIntoViewIfNeeded()
  // A real block an hour high, not a zero-height strip at the bottom edge.
  const slot = (await page.locator('.rbc-time-slot').first().boundingBox())!.height
  expect((await late.boundingBox())!.height).toBeGreaterThan(3 * slot)
  await expect(midnight).toBeVisible()
  await expect(page.locator('.rbc-time-gutter .rbc-label').last()).toHaveText('23:00')
  await snap(page, 'diary-late-bookings')
  // The next day shows the half hour after midnight.
  await page.getByRole('button', { name: 'Next day' }).click()
  await expect(page.locator('.rbc-event', { hasText: 'Tom Reed' })).toBeVisible()
  await expect(page.locator('.rbc-time-gutter .rbc-label').first()).toHaveText('00:00')
  expect(tomorrow).not.toBe(day)

  // Back to today, scrolled to the top; book 19:00 with the dialog: the grid scrolls to it.
  await page.getByRole('button', { name: 'Today' }).click()
  await page.locator('.rbc-time-content').evaluate((el) => (el.scrollTop = 0))
  await page.getByRole('button', { name: 'New booking' }).click()
  const dialog = page.getByRole('dialog', { name: 'New booking' })
  await dialog.getByLabel('Client').fill('Tom')
  await expect(dialog.getByRole('option', { name: /Tom Reed/ })).toBeVisible()
  await page.keyboard.press('Enter')
  await dialog.getByLabel('Time of day').selectOption('evening')
  await dialog.getByRole('option', { name: /19:00/ }).first().click()
  await dialog.getByRole('button', { name: 'Book', exact: true }).click()
  await expect(dialog).toBeHidden()
  const booked = page.locator('.rbc-event', { hasText: /19:00/ })
  await expect(booked).toBeInViewport()
})

test('a booking begun and closed is offered again as “Continue new booking”, with what was typed', async ({
  page,
  clinic,
}) => {
  await aSmallClinic(clinic.core)
  await clinic.open(page, { as: 'reception', at: '#/diary' })
  const button = page.getByRole('button', { name: /new booking/i })
  await expect(button).toHaveText(/^New booking/)
  await button.click()
  const dialog = page.getByRole('dialog', { name: 'New booking' })
  await page.keyboard.type('Priya')
  await expect(dialog.getByRole('option', { name: /Priya Shah/ })).toBeVisible()
  await page.keyboard.press('Enter')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  // A trial signed back in after the host restarted and thought the booking was lost.
  await expect(button).toHaveText(/^Continue new booking/)
  await button.click()
  await expect(dialog.getByText('Priya Shah').first()).toBeVisible()
})
