import type { Page } from '@playwright/test'
import { aStaffMember } from '../fixtures/staff'
import { call } from '../fixtures/temp-core'
import { expect, expectAccessible, snap, test } from './fixtures'
import { aClient } from './notes-helpers'

const saved = (page: Page) => page.getByRole('status').filter({ hasText: 'All changes saved' })

/** The back view's left calf, clicked on the chart as a therapist would. */
async function markLeftCalf(page: Page) {
  const chart = page.getByRole('img', { name: /Body chart, front and back/ })
  await chart.scrollIntoViewIfNeeded()
  const box = (await chart.boundingBox())!
  const scale = box.width / 216
  await page.mouse.click(box.x + (116 + 42) * scale, box.y + 176 * scale)
  await expect(page.getByRole('list', { name: 'Marks on the chart' })).toContainText('Left calf')
}

async function writeDraft(page: Page, clientId: number, url: string) {
  await page.goto(`${url}#/clients/${clientId}/notes/new`)
  await page.getByRole('button', { name: /Follow-up \(SOAP\)/ }).click()
  await expect(
    page.getByRole('heading', { level: 1, name: /Follow-up \(SOAP\): Priya Shah/ }),
  ).toBeVisible()
  await page.getByLabel('Subjective').fill('Left calf tight after Saturday’s parkrun.')
  await page.getByLabel('Pain before (0–10)').fill('7')
  await markLeftCalf(page)
  await expect(saved(page)).toBeVisible()
}

async function reopenFromDiary(page: Page) {
  await page.getByRole('link', { name: 'Diary' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Diary' })).toBeVisible()
  await page.keyboard.press('Control+k')
  const lookup = page.getByRole('combobox', { name: 'Find a client' })
  await lookup.pressSequentially('Priya')
  await expect(page.getByRole('option', { name: /Priya Shah/ })).toBeVisible()
  await page.keyboard.press('Enter')
  await page.getByRole('link', { name: /Follow-up \(SOAP\)/ }).click()
}

test('a draft reopened from the diary through Ctrl+K shows what was saved, and keeps it', async ({
  page,
  clinic,
}) => {
  const clientId = await aClient(clinic.core)
  await clinic.open(page, { as: 'therapist', at: '#/clients' })
  await writeDraft(page, clientId, clinic.url)
  await reopenFromDiary(page)

  await expect(page.getByLabel('Subjective')).toHaveValue(
    'Left calf tight after Saturday’s parkrun.',
  )
  await expect(page.getByLabel('Pain before (0–10)')).toHaveValue('7')
  await expect(page.getByRole('list', { name: 'Marks on the chart' })).toContainText('Left calf')
  await snap(page, 'notes-reopened-draft')

  await page.getByLabel('Pain after (0–10)').fill('3')
  await expect(saved(page)).toBeVisible()
  const [row] = await clinic.core.db
    .selectFrom('notes')
    .select(['sections', 'pain_before', 'pain_after', 'body_marks'])
    .execute()
  expect(JSON.parse(row!.sections).subjective).toBe('Left calf tight after Saturday’s parkrun.')
  expect([row!.pain_before, row!.pain_after]).toEqual([7, 3])
  expect(JSON.parse(row!.body_marks)).toEqual([expect.objectContaining({ region: 'calf-l' })])
})

test('a save from a screen that fell behind is refused and the typing stays on screen', async ({
  page,
  clinic,
}) => {
  const clientId = await aClient(clinic.core)
  await clinic.open(page, { as: 'therapist', at: '#/clients' })
  await writeDraft(page, clientId, clinic.url)

  // Meanwhile the same therapist saves the note at another desk.
  const therapist = await aStaffMember(clinic.core.db, 'therapist')
  const [note] = await clinic.core.db.selectFrom('notes').select(['id', 'revision']).execute()
  const elsewhere = await call(
    clinic.core,
    'notes.saveDraft',
    {
      id: note!.id,
      baseRevision: note!.revision,
      content: {
        sections: { subjective: 'Written at the treatment-room desk.' },
        painBefore: 6,
        painAfter: null,
        areas: '',
        techniques: [],
        pressure: '',
        response: '',
        aftercare: '',
        homeExercises: '',
        nextSession: '',
        bodyMarks: [],
      },
    },
    therapist,
  )
  expect(elsewhere.ok).toBe(true)

  await page.getByLabel('Plan').fill('Review in two weeks.')
  const conflict = page.getByRole('alert').filter({ hasText: 'Changed elsewhere' })
  await expect(conflict).toContainText('changed elsewhere (on another screen or desk)')
  await expect(page.getByLabel('Plan')).toHaveValue('Review in two weeks.')
  await expect(page.getByLabel('Subjective')).toHaveValue(
    'Left calf tight after Saturday’s parkrun.',
  )
  await snap(page, 'notes-changed-elsewhere')
  await expectAccessible(page)
  // Nothing from the stale screen reached the file.
  const [kept] = await clinic.core.db.selectFrom('notes').select(['sections']).execute()
  expect(JSON.parse(kept!.sections)).toMatchObject({
    subjective: 'Written at the treatment-room desk.',
    plan: '',
  })

  // The therapist chooses their own screen: it is saved over the other version, on purpose.
  await conflict.getByRole('button', { name: 'Save mine over the other version' }).click()
  await expect(saved(page)).toBeVisible()
  await expect(conflict).toHaveCount(0)
  const [mine] = await clinic.core.db.selectFrom('notes').select(['sections']).execute()
  expect(JSON.parse(mine!.sections)).toMatchObject({
    subjective: 'Left calf tight after Saturday’s parkrun.',
    plan: 'Review in two weeks.',
  })
})

test('another version can be loaded instead, after a refused save', async ({ page, clinic }) => {
  const clientId = await aClient(clinic.core)
  await clinic.open(page, { as: 'therapist', at: '#/clients' })
  await writeDraft(page, clientId, clinic.url)
  const therapist = await aStaffMember(clinic.core.db, 'therapist')
  const [note] = await clinic.core.db.selectFrom('notes').select(['id', 'revision']).execute()
  const current = await call(clinic.core, 'notes.get', { id: note!.id }, therapist)
  if (!current.ok) throw new Error(current.error.message)
  const { sections, painBefore, painAfter, areas, techniques, pressure, response } = current.value
  const { aftercare, homeExercises, nextSession, bodyMarks } = current.value
  const other = await call(
    clinic.core,
    'notes.saveDraft',
    {
      id: note!.id,
      baseRevision: note!.revision,
      content: {
        ...{ sections, painBefore, painAfter, areas, techniques, pressure, response },
        ...{ aftercare, homeExercises, nextSession, bodyMarks },
        sections: { ...sections, objective: 'Palpation: trigger point mid-belly.' },
      },
    },
    therapist,
  )
  expect(other.ok).toBe(true)

  await page.getByLabel('Assessment').fill('Typed on the stale screen')
  const conflict = page.getByRole('alert').filter({ hasText: 'Changed elsewhere' })
  await expect(conflict).toBeVisible()
  await conflict.getByRole('button', { name: /Load the saved version/ }).click()
  await expect(page.getByLabel('Objective')).toHaveValue('Palpation: trigger point mid-belly.')
  await expect(page.getByLabel('Assessment')).toHaveValue('')
  await expect(conflict).toHaveCount(0)
  // Typing again builds on the loaded version.
  await page.getByLabel('Assessment').fill('Gastrocnemius strain, grade 1')
  await expect(saved(page)).toBeVisible()
  const [row] = await clinic.core.db.selectFrom('notes').select(['sections']).execute()
  expect(JSON.parse(row!.sections)).toMatchObject({
    objective: 'Palpation: trigger point mid-belly.',
    assessment: 'Gastrocnemius strain, grade 1',
  })
})

test('one out-of-range value is highlighted and held back while the rest keeps saving', async ({
  page,
  clinic,
}) => {
  const clientId = await aClient(clinic.core)
  await clinic.open(page, { as: 'therapist', at: '#/clients' })
  await writeDraft(page, clientId, clinic.url)

  const painAfter = page.getByLabel('Pain after (0–10)')
  await painAfter.fill('11')
  await expect(painAfter).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByText('Pain is 0 to 10')).toBeVisible()
  await expect(painAfter).toHaveAccessibleDescription(/Pain is 0 to 10/)
  await page.getByLabel('Plan').fill('Foam roller twice a day.')
  await expect(
    page.getByRole('status').filter({ hasText: '1 field is not saved until corrected' }),
  ).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'Other changes saved' })).toBeVisible()
  await snap(page, 'notes-invalid-field-held-back')
  let [row] = await clinic.core.db
    .selectFrom('notes')
    .select(['sections', 'pain_before', 'pain_after'])
    .execute()
  expect(JSON.parse(row!.sections).plan).toBe('Foam roller twice a day.')
  expect([row!.pain_before, row!.pain_after]).toEqual([7, null])

  // Signing now would sign without the held-back value: refused until corrected.
  await page.getByRole('button', { name: 'Sign note…' }).click()
  await page.getByRole('button', { name: 'Sign note now' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Correct the highlighted' })).toBeVisible()

  // Variants: a fraction and a negative are held back the same way; a right value saves.
  for (const bad of ['2.5', '-1']) {
    await painAfter.fill(bad)
    await expect(painAfter).toHaveAttribute('aria-invalid', 'true')
  }
  await painAfter.fill('3')
  await expect(painAfter).not.toHaveAttribute('aria-invalid', 'true')
  await expect(saved(page)).toBeVisible()
  ;[row] = await clinic.core.db
    .selectFrom('notes')
    .select(['sections', 'pain_before', 'pain_after'])
    .execute()
  expect([row!.pain_before, row!.pain_after]).toEqual([7, 3])
})
