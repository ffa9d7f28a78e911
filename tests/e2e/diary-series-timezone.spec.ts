import type { Page } from '@playwright/test'
import { addDays } from '../../src/main/services/diary/clinic-clock'
import { faker } from '@faker-js/faker/locale/en_GB'
import type { PlinthCore } from '../../src/main/app-core'
import { seedDemoDiary } from '../../src/main/seed/demo-diary'
import { aSession, call } from '../fixtures/temp-core'
import { expect, expectAccessible, snap, test } from './fixtures'
import { aSmallClinic, at, today } from './small-clinic'

const owner = aSession('owner')
const smallClinic = (core: PlinthCore) => aSmallClinic(core)

async function openDiary(page: Page, clinic: { open: (p: Page, o: object) => Promise<void> }) {
  await clinic.open(page, { as: 'reception', at: '#/diary' })
  await expect(page.getByTestId('diary-calendar')).toHaveAttribute('data-state', 'ready')
}

test.describe('on a computer set to New York time', () => {
  test.use({ timezoneId: 'America/New_York' })

  test('the diary still shows a 09:00 London booking at 09:00', async ({ page, clinic }) => {
    const { serviceId, samId, priya } = await smallClinic(clinic.core)
    const r = await call(
      clinic.core,
      'diary.book',
      { clientId: priya, serviceId, therapistId: samId, startsAt: at(today(), '09:00') },
      owner,
    )
    if (!r.ok) throw new Error(r.error.message)
    await openDiary(page, clinic)
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(
      'America/New_York',
    )
    const event = page.locator('.rbc-event', { hasText: 'Priya Shah' })
    await expect(event.locator('.ev-time')).toHaveText('09:00')
    // It sits in the 09:00 row of the time gutter, not the 04:00 one.
    const nine = page.locator('.rbc-time-gutter .rbc-label', { hasText: /^09:00$/ })
    const [e, g] = [(await event.boundingBox())!, (await nine.boundingBox())!]
    expect(Math.abs(e.y - g.y)).toBeLessThan(6)
    await snap(page, 'diary-new-york-computer')
    await event.click()
    const dialog = page.getByRole('dialog', { name: 'Priya Shah' })
    await expect(dialog.getByText(/, 09:00–10:00$/)).toBeVisible()
    // The client's page lists it on the clinic's clock too.
    await page.keyboard.press('Escape')
    await page.evaluate(`location.hash = '#/clients/${priya}'`)
    await expect(page.locator('.client-appt-when')).toHaveText(/ at 09:00$/)
  })
})

test('a weekly booking moves this and the following, after the clashes are shown', async ({
  page,
  clinic,
}) => {
  const { serviceId, samId, priya, tom } = await smallClinic(clinic.core)
  const day = today()
  const series = await call(
    clinic.core,
    'diary.bookSeries',
    {
      clientId: priya,
      serviceId,
      therapistId: samId,
      startsAt: at(day, '09:00'),
      everyWeeks: 1,
      count: 3,
    },
    owner,
  )
  if (!series.ok) throw new Error(series.error.message)
  // Tom has Sam at 10:30 next week: a move of the series to 10:00 would run into him.
  const blocker = await call(
    clinic.core,
    'diary.book',
    { clientId: tom, serviceId, therapistId: samId, startsAt: at(addDays(day, 7), '10:30') },
    owner,
  )
  if (!blocker.ok) throw new Error(blocker.error.message)

  await openDiary(page, clinic)
  await page.locator('.rbc-event', { hasText: 'Priya Shah' }).click()
  const dialog = page.getByRole('dialog', { name: 'Priya Shah' })
  await dialog.getByRole('button', { name: 'Move…' }).click()
  await dialog.getByLabel('New time').fill('10:00')
  await dialog.getByRole('radio', { name: 'This and the following' }).check()
  await dialog.getByRole('button', { name: 'Move', exact: true }).click()
  await expect(
    dialog.getByRole('heading', { name: 'One would clash, so nothing was moved' }),
  ).toBeVisible()
  await expect(dialog.getByText('Sam Patel is already booked 10:30–11:30.')).toBeVisible()
  await snap(page, 'series-move-clash')
  await expectAccessible(page)
  const stored = () =>
    clinic.core.db
      .selectFrom('appointments')
      .select('starts_at')
      .where('client_id', '=', priya)
      .orderBy('starts_at')
      .execute()
      .then((rows) => rows.map((r) => r.starts_at))
  expect(await stored()).toEqual([0, 7, 14].map((n) => at(addDays(day, n), '09:00')))

  await dialog.getByLabel('New time').fill('12:00')
  await dialog.getByRole('button', { name: 'Move', exact: true }).click()
  await expect(dialog.getByRole('status')).toContainText('Moved 3 appointments')
  expect(await stored()).toEqual([0, 7, 14].map((n) => at(addDays(day, n), '12:00')))
  await expect(
    page.locator('.rbc-event', { hasText: 'Priya Shah' }).locator('.ev-time'),
  ).toHaveText('12:00')
  await snap(page, 'series-moved')
})

test('the all-therapists week puts bookings at the same time side by side', async ({
  page,
  clinic,
}) => {
  test.setTimeout(90_000)
  await seedDemoDiary(clinic.core, owner, faker)
  await openDiary(page, clinic)
  await page.getByRole('button', { name: 'Week', exact: true }).click()
  await expect(page.getByTestId('diary-calendar')).toHaveAttribute('data-state', 'ready')
  const boxes = await page.locator('.rbc-time-content .rbc-event').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect()
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }
    }),
  )
  expect(boxes.length).toBeGreaterThan(20)
  // No booking covers another: each is readable (rbc's "overlap" layout stacked them).
  const covered = boxes.filter((a, i) =>
    boxes.some(
      (b, j) =>
        i !== j &&
        a.left < b.right - 1 &&
        b.left < a.right - 1 &&
        a.top < b.bottom - 1 &&
        b.top < a.bottom - 1,
    ),
  )
  expect(covered).toEqual([])
  // Whose booking it is: its therapist's lane and colour, and in words for screen readers.
  await expect(page.locator('.rbc-time-content .rbc-event').first()).toHaveAttribute(
    'aria-label',
    /^\d\d:\d\d [^,]+, [^,]+(, [^,]+)?, with \S/,
  )
  // Each booking's name begins with what it shows (axe's label-content-name-mismatch).
  await expectAccessible(page)
  await snap(page, 'diary-week-everyone')

  // Lanes too narrow for a name (a text box of 64 px or less) show the initials instead,
  // and the names come back with the room.
  const first = page.locator('.rbc-time-content .rbc-event').first()
  // The body is a block filling the booking's text box.
  const textWidth = () =>
    first.locator('.ev-compact').evaluate((e) => e.getBoundingClientRect().width)
  const size = page.viewportSize()!
  await page.setViewportSize({ width: 900, height: size.height })
  await expect(first.locator('.ev-initials')).toBeVisible()
  expect(await textWidth()).toBeLessThanOrEqual(64)
  await expect(first.locator('.ev-name')).toBeHidden()
  // Still said in full to screen readers.
  await expect(first).toHaveAttribute('aria-label', /^\d\d:\d\d \S+ \S+, /)
  await expectAccessible(page)
  await snap(page, 'diary-week-everyone-narrow')
  await page.setViewportSize({ width: 2800, height: size.height })
  await expect(first.locator('.ev-initials')).toBeHidden()
  await expect(first.locator('.ev-name')).toBeVisible()
  expect(await textWidth()).toBeGreaterThan(64)
  await page.setViewportSize(size)
})

test('dragging one of a weekly booking asks which ones move, and moves them all', async ({
  page,
  clinic,
}) => {
  const { serviceId, samId, priya } = await smallClinic(clinic.core)
  const day = today()
  const series = await call(
    clinic.core,
    'diary.bookSeries',
    {
      clientId: priya,
      serviceId,
      therapistId: samId,
      startsAt: at(day, '09:00'),
      everyWeeks: 1,
      count: 3,
    },
    owner,
  )
  if (!series.ok) throw new Error(series.error.message)
  await openDiary(page, clinic)
  const event = page.locator('.rbc-event', { hasText: 'Priya Shah' })
  const box = (await event.boundingBox())!
  const nine = (await page
    .locator('.rbc-time-gutter .rbc-label', { hasText: /^09:00$/ })
    .boundingBox())!
  const eleven = (await page
    .locator('.rbc-time-gutter .rbc-label', { hasText: /^11:00$/ })
    .boundingBox())!
  const hour = (eleven.y - nine.y) / 2
  // Grab it in the middle (the edges resize) and drop it an hour later, clear of a grid line.
  const grab = box.y + box.height / 2
  await page.mouse.move(box.x + box.width / 2, grab)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width / 2, grab + hour / 2, { steps: 5 })
  await page.mouse.move(box.x + box.width / 2, grab + hour + 4, { steps: 5 })
  await page.mouse.up()
  const choice = page.getByRole('dialog', { name: 'Move a repeating appointment' })
  await expect(choice).toContainText('to')
  await expect(choice).toContainText('10:00')
  await snap(page, 'series-drop-choice')
  await expectAccessible(page)
  // Nothing has moved while the question is open.
  const stored = () =>
    clinic.core.db
      .selectFrom('appointments')
      .select('starts_at')
      .where('client_id', '=', priya)
      .orderBy('starts_at')
      .execute()
      .then((rows) => rows.map((r) => r.starts_at))
  expect(await stored()).toEqual([0, 7, 14].map((n) => at(addDays(day, n), '09:00')))
  await choice.getByRole('button', { name: 'All still to come' }).click()
  await expect(
    page.getByRole('status').filter({ hasText: '3 repeating appointments moved' }),
  ).toBeVisible()
  expect(await stored()).toEqual([0, 7, 14].map((n) => at(addDays(day, n), '10:00')))
  await expect(event.locator('.ev-time')).toHaveText('10:00')
})
