import type { Page } from '@playwright/test'
import { seedDemoDiary } from '../../src/main/seed/demo-diary'
import type { PlinthCore } from '../../src/main/app-core'
import { faker } from '@faker-js/faker/locale/en_GB'
import { aSession, call } from '../fixtures/temp-core'
import { expect, expectAccessible, snap, test } from './fixtures'
import { aSmallClinic, at, today, TZ } from './small-clinic'
import { utcToZoned } from '../../src/main/services/diary/clinic-clock'
import { clinicNow } from './clinic-clock'

const owner = aSession('owner')
const smallClinic = async (core: PlinthCore) => {
  const { priya, ...clinic } = await aSmallClinic(core)
  return { ...clinic, clientId: priya }
}

async function openDiary(page: Page, clinic: { open: (p: Page, o: object) => Promise<void> }) {
  await clinic.open(page, { as: 'reception', at: '#/diary' })
  await expect(page.getByTestId('diary-calendar')).toBeVisible()
}

test('the day view has a column per therapist, shaded outside working hours', async ({
  page,
  clinic,
}) => {
  test.setTimeout(90_000)
  await seedDemoDiary(clinic.core, owner, faker)
  await openDiary(page, clinic)
  const headers = page.locator('.rbc-row-resource .rbc-header')
  await expect(headers).toHaveText(['Alex Morgan', 'Jo Clarke', 'Priya Nair', 'Sam Patel'])
  await expect(page.locator('.rbc-time-gutter .rbc-label').first()).toHaveText(/^\d\d:00$/)
  await snap(page, 'diary-day')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Week', exact: true }).click()
  await page.getByLabel('Therapist').selectOption({ label: 'Sam Patel' })
  await expect(page.locator('.rbc-time-header .rbc-header').first()).toHaveText(/^Mon \d+$/)
  await snap(page, 'diary-week-sam')
  await page.getByRole('button', { name: 'Month', exact: true }).click()
  await snap(page, 'diary-month')
  await page.getByRole('button', { name: 'Agenda', exact: true }).click()
  await snap(page, 'diary-agenda')
  await page.getByRole('button', { name: 'Day', exact: true }).click()
  await page.locator('.rbc-event').first().click()
  await expect(page.getByRole('dialog')).toBeVisible()
  await snap(page, 'diary-appointment')
  await expectAccessible(page)
  await page.keyboard.press('Escape')

  await page.getByRole('link', { name: 'Day sheet' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Day sheet' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: 'Sam Patel' })).toBeVisible()
  await snap(page, 'day-sheet')
  await expectAccessible(page)
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden()
  await snap(page, 'day-sheet-print')
})

test('a phone booking done only with the keyboard', async ({ page, clinic }) => {
  const { clientId } = await smallClinic(clinic.core)
  await clinic.open(page, { as: 'reception', at: '#/clients' })
  await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible()
  await page.keyboard.press('Control+b')
  const dialog = page.getByRole('dialog', { name: 'New booking' })
  await expect(dialog).toBeVisible()
  await page.keyboard.type('Priya')
  await expect(dialog.getByRole('option', { name: /Priya Shah/ })).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(dialog.getByText('Priya Shah')).toBeVisible()
  await expect(dialog.getByLabel('Service')).toBeFocused()
  // Service, therapist, time of day, days: keep the defaults and Tab on to the free times.
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab')
  const times = dialog.getByRole('listbox', { name: 'Free times' })
  await expect(times).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await expect(dialog.getByRole('button', { name: 'Book' })).toBeFocused()
  await snap(page, 'booking-keyboard')
  await expectAccessible(page)
  await page.keyboard.press('Enter')
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('heading', { level: 1, name: 'Diary' })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'Booked for' })).toBeVisible()
  const rows = await clinic.core.db
    .selectFrom('appointments')
    .select(['client_id', 'status'])
    .execute()
  expect(rows).toEqual([{ client_id: clientId, status: 'booked' }])
  await expect(page.locator('.rbc-event', { hasText: 'Priya Shah' })).toBeVisible()
  await snap(page, 'booking-done')
})

test('a drag onto another client is refused with the reason, and snaps back', async ({
  page,
  clinic,
}) => {
  const { serviceId, samId, clientId } = await smallClinic(clinic.core)
  const other = await call(
    clinic.core,
    'clients.create',
    { firstName: 'Tom', lastName: 'Reed', mobile: '07922 123456' },
    owner,
  )
  if (!other.ok) throw new Error(other.error.message)
  const day = today()
  for (const [who, time] of [
    [clientId, '10:00'],
    [other.value.id, '14:00'],
  ] as const) {
    const r = await call(
      clinic.core,
      'diary.book',
      { clientId: who, serviceId, therapistId: samId, startsAt: at(day, time) },
      owner,
    )
    if (!r.ok) throw new Error(r.error.message)
  }
  await openDiary(page, clinic)
  const first = page.locator('.rbc-event', { hasText: 'Priya Shah' })
  const second = page.locator('.rbc-event', { hasText: 'Tom Reed' })
  await expect(second).toBeVisible()
  const a = (await first.boundingBox())!
  const b = (await second.boundingBox())!
  // Grab Tom's 14:00 booking and drop its top at 10:30, half-way down Priya's hour.
  await page.mouse.move(b.x + b.width / 2, b.y + 12)
  await page.mouse.down()
  await page.mouse.move(b.x + b.width / 2, b.y - 40, { steps: 5 })
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2 + 12, { steps: 10 })
  await page.mouse.up()
  await expect(page.getByRole('alert')).toContainText(
    'Not moved: Sam Patel is already booked 10:00–11:00.',
  )
  await snap(page, 'diary-drag-refused')
  const stored = await clinic.core.db
    .selectFrom('appointments')
    .select('starts_at')
    .where('client_id', '=', other.value.id)
    .executeTakeFirstOrThrow()
  expect(stored.starts_at).toBe(at(day, '14:00'))
  await expect(second).toBeVisible()
  // Back where it was, relative to Priya's booking (the message above moved the whole diary).
  const a2 = (await first.boundingBox())!
  const b2 = (await second.boundingBox())!
  expect(Math.abs(b2.y - a2.y - (b.y - a.y))).toBeLessThan(2)
})

test('a weekly booking lists its dates, skips a clash and books the rest', async ({
  page,
  clinic,
}) => {
  const { serviceId, samId, clientId } = await smallClinic(clinic.core)
  const other = await call(
    clinic.core,
    'clients.create',
    { firstName: 'Tom', lastName: 'Reed', mobile: '07922 123456' },
    owner,
  )
  if (!other.ok) throw new Error(other.error.message)
  // Next Monday 10:00 is free; the Monday after is taken by Tom.
  const t = utcToZoned(clinicNow(), TZ)
  const monday = (n: number) => {
    const d = new Date(`${t.date}T12:00:00Z`)
    d.setUTCDate(d.getUTCDate() + ((8 - t.weekday) % 7 || 7) + 7 * n)
    return d.toISOString().slice(0, 10)
  }
  const taken = await call(
    clinic.core,
    'diary.book',
    { clientId: other.value.id, serviceId, therapistId: samId, startsAt: at(monday(1), '10:00') },
    owner,
  )
  if (!taken.ok) throw new Error(taken.error.message)
  await openDiary(page, clinic)
  await page.getByRole('button', { name: 'New booking' }).click()
  const dialog = page.getByRole('dialog', { name: 'New booking' })
  await dialog.getByLabel('Client').fill('Priya')
  await expect(dialog.getByRole('option', { name: /Priya Shah/ })).toBeVisible()
  await page.keyboard.press('Enter')
  await dialog.getByLabel('Search from').fill(monday(0))
  await dialog
    .getByRole('option', { name: /10:00\s*Sam Patel/ })
    .first()
    .click()
  await dialog.getByLabel('Repeat').selectOption({ label: 'Every week' })
  await dialog.getByLabel('How many times').fill('3')
  await dialog.getByRole('button', { name: 'Check the dates' }).click()
  await expect(dialog.getByText('3 dates · 1 clash')).toBeVisible()
  await expect(dialog.getByText('Sam Patel is already booked 10:00–11:00.')).toBeVisible()
  await snap(page, 'booking-series')
  await dialog.getByRole('button', { name: 'Book 2 appointments' }).click()
  await expect(dialog).toBeHidden()
  const rows = await clinic.core.db
    .selectFrom('appointments')
    .select(['starts_at', 'series_id'])
    .where('client_id', '=', clientId)
    .orderBy('starts_at')
    .execute()
  expect(rows.map((r) => r.starts_at)).toEqual([at(monday(0), '10:00'), at(monday(2), '10:00')])
  expect(rows[0]!.series_id).not.toBeNull()
})

test('a caller goes on the waiting list and shows up when a matching booking is cancelled', async ({
  page,
  clinic,
}) => {
  const { serviceId, samId } = await smallClinic(clinic.core)
  const tom = await call(
    clinic.core,
    'clients.create',
    { firstName: 'Tom', lastName: 'Reed', mobile: '07922 123456' },
    owner,
  )
  if (!tom.ok) throw new Error(tom.error.message)
  const tomorrow = utcToZoned(clinicNow() + 86_400_000, TZ).date
  const booked = await call(
    clinic.core,
    'diary.book',
    { clientId: tom.value.id, serviceId, therapistId: samId, startsAt: at(tomorrow, '18:00') },
    owner,
  )
  if (!booked.ok) throw new Error(booked.error.message)

  await openDiary(page, clinic)
  await page.getByRole('button', { name: 'New booking' }).click()
  const dialog = page.getByRole('dialog', { name: 'New booking' })
  await dialog.getByLabel('Client').fill('Priya')
  await expect(dialog.getByRole('option', { name: /Priya Shah/ })).toBeVisible()
  await page.keyboard.press('Enter')
  await dialog.getByLabel('Time of day').selectOption({ label: 'Evenings (after 17:00)' })
  await dialog.getByLabel('Urgency').selectOption({ label: 'Urgent' })
  await dialog.getByRole('button', { name: 'Add to waiting list' }).click()
  // Done with the dialog: it closes, and says so outside it.
  await expect(dialog).toBeHidden()
  await expect(
    page.getByRole('status').filter({ hasText: 'Priya Shah is on the waiting list' }),
  ).toBeVisible()

  await page.getByRole('button', { name: 'Waiting list' }).click()
  const list = page.getByRole('dialog', { name: 'Waiting list' })
  await expect(list.getByRole('cell', { name: /^Priya Shah/ })).toBeVisible()
  await expect(list.getByText('any day, after 17:00')).toBeVisible()
  await expect(list.getByRole('cell', { name: 'Urgent' })).toBeVisible()
  await snap(page, 'waitlist')
  await expectAccessible(page)
  await list.getByRole('button', { name: /Close/ }).click()

  await page.getByRole('button', { name: 'Next day' }).click()
  await page.locator('.rbc-event', { hasText: 'Tom Reed' }).click()
  const appt = page.getByRole('dialog', { name: 'Tom Reed' })
  await appt.getByRole('button', { name: 'Cancel appointment' }).click()
  await appt.getByLabel('Reason').fill('Away with work')
  await appt.getByRole('button', { name: 'Cancel appointment' }).click()
  await expect(appt.getByRole('heading', { name: 'Waiting for a time like this' })).toBeVisible()
  await expect(appt.getByText(/Priya Shah · 07911 123456/)).toBeVisible()
  await snap(page, 'cancel-waitlist-match')
})

test('the owner books outside the hours from an empty slot, with a reason kept', async ({
  page,
  clinic,
}) => {
  const { clientId } = await smallClinic(clinic.core)
  await clinic.open(page, { as: 'owner', at: '#/diary' })
  await expect(page.getByTestId('diary-calendar')).toBeVisible()
  // The first quarter hour shown is 07:00, an hour before the clinic opens.
  const early = page.locator('.rbc-day-slot .rbc-time-slot').first()
  await early.scrollIntoViewIfNeeded()
  const box = (await early.boundingBox())!
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  const dialog = page.getByRole('dialog', { name: 'New booking' })
  await expect(dialog.getByText(/Chosen from the diary: .*07:00 with Sam Patel/)).toBeVisible()
  await dialog.getByLabel('Client').fill('Priya')
  await expect(dialog.getByRole('option', { name: /Priya Shah/ })).toBeVisible()
  await page.keyboard.press('Enter')
  // At 07:30 the 07:00 slot is already past: a warning, and nothing is booked until confirmed.
  await expect(dialog.locator('.past-warning')).toContainText('07:00 is in the past.')
  await dialog.getByRole('button', { name: 'Book', exact: true }).click()
  await expect(dialog.getByText('That time is in the past: tick')).toBeVisible()
  expect(await clinic.core.db.selectFrom('appointments').select('id').execute()).toEqual([])
  await dialog.getByLabel('Book it in the past (catching up)').check()
  await dialog.getByRole('button', { name: 'Book', exact: true }).click()
  await expect(dialog.getByRole('alert').filter({ hasText: 'The clinic is open' })).toContainText(
    'The clinic is open 08:00–20:00',
  )
  await dialog.getByLabel('Book anyway because (owner)').fill('Early start agreed with Sam')
  await snap(page, 'booking-override')
  await dialog.getByRole('button', { name: 'Book anyway' }).click()
  await expect(dialog).toBeHidden()
  const row = await clinic.core.db
    .selectFrom('appointments')
    .select(['client_id', 'override_reason'])
    .executeTakeFirstOrThrow()
  expect(row).toEqual({ client_id: clientId, override_reason: 'Early start agreed with Sam' })
})
