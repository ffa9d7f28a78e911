import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { aNote } from '../fixtures/notes'
import { pdfTextOf } from '../fixtures/pdf-text'
import { aStaffMember } from '../fixtures/staff'
import { aSession, call } from '../fixtures/temp-core'
import { expect, expectAccessible, snap, test } from './fixtures'
import { aSmallClinic, at } from './small-clinic'

const owner = aSession('owner')
const SCREENSHOTS = resolve('test-results/screenshots')
const fixture = (name: string) => resolve('tests/fixtures/files', name)
const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

/** A therapist's visit: a follow-up note for the appointment, then PSFS and SLR in Measures. */
async function recordVisit(
  page: Page,
  url: string,
  clientId: number,
  appointmentId: number,
  values: { run: string; left: string; right: string },
) {
  await page.goto(`${url}#/clients/${clientId}/notes/new/${appointmentId}`)
  await page.getByRole('button', { name: /Follow-up \(SOAP\)/ }).click()
  const measures = page.getByRole('region', { name: 'Measures' })
  await expect(measures).toBeVisible()
  await expect(measures.getByRole('tab', { name: 'PSFS' })).toHaveAttribute('aria-selected', 'true')
  const activity = measures.getByLabel('Activity 1', { exact: true })
  // The second visit offers the activity named at the first, to be re-scored.
  if ((await activity.inputValue()) === '') await activity.fill('Run 10 km')
  await measures.getByLabel('Score for activity 1 (0–10)').fill(values.run)
  await measures.getByRole('button', { name: 'Save PSFS' }).click()
  await expect(measures.getByRole('status')).toHaveText(`PSFS saved: mean ${values.run} out of 10.`)
  await measures.getByRole('tab', { name: 'Range of motion' }).click()
  await measures.getByLabel('Straight-leg raise left').fill(values.left)
  await measures.getByLabel('Straight-leg raise right').fill(values.right)
  await measures.getByRole('button', { name: 'Save range of motion' }).click()
  await expect(measures.getByRole('status')).toHaveText('Range of motion saved for this visit.')
}

test('a therapist records PSFS and straight-leg raise on two visits and sees the chart improve', async ({
  page,
  clinic,
}) => {
  test.setTimeout(120_000)
  const { serviceId, samId, priya } = await aSmallClinic(clinic.core)
  const book = async (date: string) =>
    ok(
      await call(
        clinic.core,
        'diary.book',
        {
          clientId: priya,
          serviceId,
          therapistId: samId,
          startsAt: at(date, '10:00'),
          confirmPast: true,
        },
        owner,
      ),
    ).id
  const first = await book('2026-06-03')
  const second = await book('2026-06-16')
  await clinic.open(page, { as: 'therapist', at: '#/diary' })

  await recordVisit(page, clinic.url, priya, first, { run: '3', left: '60', right: '80' })
  await snap(page, 'runners-measures-on-note')
  await recordVisit(page, clinic.url, priya, second, { run: '7', left: '74', right: '80' })

  await page.goto(`${clinic.url}#/clients/${priya}`)
  const card = page.getByRole('region', { name: 'Progress' })
  await expect(card.getByRole('list', { name: /Visits, event, pain and measures/ })).toContainText(
    'Range of motion',
  )
  await card.getByRole('button', { name: 'Show measures' }).click()
  await expect(
    card.getByText(/^Run 10 km: 3 on 3 Jun 2026 → 7 out of 10 on 16 Jun 2026/),
  ).toContainText('up 4, a change that matters')
  await expect(card.getByText(/^Straight-leg raise: left 60° → 74°/)).toContainText(
    'asymmetry 25% → 7.5%',
  )
  // The chart itself: two points on the PSFS line, the later one higher on screen.
  const psfs = card.getByRole('img', { name: 'PSFS: Run 10 km' })
  await psfs.focus()
  await expect(psfs).toBeFocused()
  const dots = psfs.locator('.recharts-line-dot, .recharts-dot')
  await expect(dots).toHaveCount(2)
  const [y1, y2] = await dots.evaluateAll((els) => els.map((e) => Number(e.getAttribute('cy'))))
  expect(y2!).toBeLessThan(y1!)
  // The table view of the same numbers.
  await card.getByRole('button', { name: 'Show the Straight-leg raise table' }).click()
  const table = card.getByRole('table', { name: 'Straight-leg raise' })
  await expect(table.getByRole('row')).toHaveCount(3)
  await expect(table.getByRole('row').nth(2)).toHaveText(/16 Jun 2026\s*74\s*80\s*7\.5%/)
  await snap(page, 'runners-progress-charts')
  await expectAccessible(page)
})

test('reception books a pre-race massage from the suggestion with one key', async ({
  page,
  clinic,
}) => {
  const { samId, priya } = await aSmallClinic(clinic.core)
  const flush = ok(
    await call(
      clinic.core,
      'services.create',
      {
        name: 'Pre-race flush 30 min',
        durationMinutes: 30,
        pricePence: 3500,
        bufferAfterMinutes: 0,
        colour: '#c2410c',
      },
      owner,
    ),
  )
  await clinic.core.db
    .insertInto('therapist_services')
    .values({ therapist_id: samId, service_id: flush.id })
    .execute()
  await clinic.core.db
    .updateTable('clients')
    .set({ event_name: 'Brighton 10k', event_date: '2026-06-27', event_distance_km: 10 })
    .where('id', '=', priya)
    .execute()
  await clinic.open(page, { as: 'reception', at: '#/diary' })
  await expect(page.getByRole('heading', { level: 1, name: /Diary/ })).toBeVisible()
  await page.keyboard.press('Control+b')
  const dialog = page.getByRole('dialog', { name: 'New booking' })
  await page.keyboard.type('Priya')
  await expect(dialog.getByRole('option', { name: /Priya Shah/ })).toBeVisible()
  await page.keyboard.press('Enter')
  const suggestions = dialog.getByRole('group', { name: /Around Brighton 10k/ })
  await expect(suggestions).toBeFocused()
  await expect(suggestions.getByRole('button').first()).toHaveText(
    '1Pre-event Pre-race flush 30 min, Mon 22 Jun–Thu 25 Jun (2–5 days before Brighton 10k)',
  )
  await expect(suggestions.getByRole('button').nth(1)).toContainText('Recovery after Brighton 10k')
  await snap(page, 'runners-booking-suggestions')
  await page.keyboard.press('1')
  await expect(dialog.getByLabel('Service')).toHaveValue(String(flush.id))
  await expect(dialog.getByLabel('Search from')).toHaveValue('2026-06-22')
  const times = dialog.getByRole('listbox', { name: 'Free times' })
  await expect(times).toBeFocused()
  await expect(times.getByRole('option').first()).toContainText('Mon 22 Jun, 08:00')
  await page.keyboard.press('Enter')
  await expect(dialog.getByRole('button', { name: /^Book/ })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(dialog).toBeHidden()
  const booked = await clinic.core.db
    .selectFrom('appointments')
    .select(['service_id', 'starts_at'])
    .where('client_id', '=', priya)
    .execute()
  expect(booked).toEqual([{ service_id: flush.id, starts_at: '2026-06-22T07:00:00.000Z' }])
})

test('the owner adds a stretch with a picture; a therapist makes the aftercare sheet from a note', async ({
  page,
  clinic,
}) => {
  test.setTimeout(120_000)
  const { priya } = await aSmallClinic(clinic.core)
  await clinic.open(page, { as: 'owner', at: '#/settings/exercises' })
  await page.getByRole('button', { name: 'Add an exercise' }).click()
  await page.getByLabel('Exercise name').fill('Standing calf stretch')
  await page
    .getByLabel('Instructions')
    .fill('Hands on a wall, back leg straight, heel down. Hold 30 seconds, 3 times each side.')
  await page.getByLabel('Picture (optional, PNG or JPEG)').setInputFiles(fixture('posture.png'))
  await page.getByRole('button', { name: 'Save exercise' }).click()
  await expect(
    page.getByRole('listitem').filter({ hasText: 'Standing calf stretch' }),
  ).toContainText('· picture')
  await snap(page, 'runners-exercise-library')

  const therapist = await aStaffMember(clinic.core.db, 'therapist', { displayName: 'Sam Patel' })
  const note = await aNote(clinic.core, therapist, priya)
    .withSection('subjective', 'Calves tight after the 10k')
    .with({
      aftercare: 'Keep tomorrow’s run short and flat; drink plenty of water.',
      homeExercises: 'Foam roll each calf for two minutes in the evening.',
    })
    .signed()
    .in()
  await clinic.open(page, { as: 'therapist', at: `#/clients/${priya}/notes/${note.id}` })
  const card = page.getByRole('region', { name: 'Aftercare sheet' })
  await card.getByRole('checkbox', { name: /Standing calf stretch/ }).check()
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    card.getByRole('button', { name: 'Make aftercare sheet (PDF)' }).click(),
  ])
  expect(download.suggestedFilename()).toBe('Aftercare Priya Shah 2026-06-17.pdf')
  const text = pdfTextOf(
    readFileSync(await download.path()),
    SCREENSHOTS,
    'runners-aftercare-pdf',
    {
      dpi: 80,
    },
  )
  expect(text).toContain('Aftercare and stretching for Priya Shah')
  expect(text).toContain('Keep tomorrow’s run short and flat')
  expect(text).toContain('1. Standing calf stretch')
  await expect(card.getByRole('status')).toHaveText('Aftercare sheet made and kept on the record.')
  await snap(page, 'runners-aftercare-card')

  // The note is signed, so a letter to the GP can quote it.
  const letters = page.getByRole('region', { name: 'Letter' })
  await letters.getByLabel('Letter template').selectOption({ label: 'Letter to the GP' })
  const [letter] = await Promise.all([
    page.waitForEvent('download'),
    letters.getByRole('button', { name: 'Write letter (PDF)' }).click(),
  ])
  const letterText = pdfTextOf(
    readFileSync(await letter.path()),
    SCREENSHOTS,
    'runners-gp-letter',
    {
      dpi: 60,
    },
  )
  expect(letterText).toContain('I saw Priya Shah for sports massage on 17 June 2026.')
  await expect(letters.getByRole('status')).toContainText('GP’s name from the record')
  await page.goto(`${clinic.url}#/clients/${priya}`)
  const documents = page.getByRole('region', { name: 'Documents' })
  await expect(documents).toContainText('Aftercare sheet, 2026-06-17')
  await expect(documents).toContainText('Letter to the GP, 2026-06-17')
})
