import { readFileSync } from 'node:fs'
import type { PlinthCore } from '../../src/main/app-core'
import { utcToZoned, zonedToUtc } from '../../src/main/services/diary/clinic-clock'
import { aStaffMember } from '../fixtures/staff'
import { aSession, call } from '../fixtures/temp-core'
import { expect, expectAccessible, snap, test, type Clinic } from './fixtures'
import { aSmallClinic } from './small-clinic'
import { clinicNow } from './clinic-clock'

const owner = aSession('owner')
const TZ = 'Europe/London'

/**
 * Sam Patel works every day and has a staff account (the one clinic.open signs in as a
 * therapist); Priya Shah's 60-minute massage started an hour or so ago today.
 */
async function clinicWithTodaysAppointment(core: PlinthCore) {
  const { serviceId, samId, priya } = await aSmallClinic(core, {
    opens: '07:00',
    closes: '21:00',
    bufferAfterMinutes: 0,
  })
  const account = await aStaffMember(core.db, 'therapist', { displayName: 'Sam Patel' })
  await core.db
    .updateTable('therapists')
    .set({ user_id: account.userId })
    .where('id', '=', samId)
    .execute()
  await core.db
    .updateTable('users')
    .set({ therapist_id: samId })
    .where('id', '=', account.userId)
    .execute()
  const local = utcToZoned(clinicNow(), TZ)
  const hour = Math.min(19, Math.max(7, Math.floor(local.minutes / 60) - 1))
  const appt = await call(
    core,
    'diary.book',
    {
      clientId: priya,
      serviceId,
      therapistId: samId,
      startsAt: new Date(zonedToUtc(local.date, hour * 60, TZ)).toISOString(),
      override: { reason: 'set up for the test' },
      confirmPast: true,
    },
    owner,
  )
  if (!appt.ok) throw new Error(appt.error.message)
  return { clientId: priya, appointmentId: appt.value.id, samId }
}

test('a therapist completes an appointment, writes and signs a follow-up note, adds an addendum and exports the PDF', async ({
  page,
  clinic,
}) => {
  test.setTimeout(120_000)
  const { clientId } = await clinicWithTodaysAppointment(clinic.core)
  await clinic.open(page, { as: 'therapist', at: '#/diary' })
  await page.locator('.rbc-event', { hasText: 'Priya Shah' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('button', { name: 'Completed' }).click()
  await dialog.getByRole('link', { name: 'Write note' }).click()

  await expect(
    page.getByRole('heading', { level: 1, name: 'Write a treatment note' }),
  ).toBeVisible()
  await snap(page, 'notes-choose-template')
  await page.getByRole('button', { name: /Follow-up \(SOAP\)/ }).click()
  await expect(
    page.getByRole('heading', { level: 1, name: /Follow-up \(SOAP\): Priya Shah/ }),
  ).toBeVisible()

  await page.getByLabel('Pain before (0–10)').fill('7')
  await page.getByLabel('Pain after (0–10)').fill('3')
  await page.getByLabel('Subjective').fill('Right hamstring tight since Sunday’s 10k.')
  await page.getByLabel('Plan').fill('Review in a week; stretch daily.')
  await page.getByRole('checkbox', { name: 'Deep tissue' }).check()
  // A mark by mouse on the back of the right thigh ...
  const chart = page.getByRole('img', { name: /Body chart, front and back/ })
  const box = (await chart.boundingBox())!
  const scale = box.width / 216
  await page.mouse.click(box.x + (116 + 60) * scale, box.y + 130 * scale)
  await expect(page.getByRole('list', { name: 'Marks on the chart' })).toContainText(
    'Pain 3/5 – Right hamstring',
  )
  // ... and one by keyboard: a tightness mark on a region chosen with the arrow keys.
  await page.getByLabel('Tightness').check()
  const regions = page.getByRole('listbox', { name: 'Body regions' })
  await regions.focus()
  await page.keyboard.press('End')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('list', { name: 'Marks on the chart' })).toContainText(
    'Tightness 3/5 – Left heel / Achilles',
  )
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible()
  await snap(page, 'notes-editor')
  await expectAccessible(page)

  // Reopening continues where it stopped.
  await page.reload()
  await expect(page.getByLabel('Subjective')).toHaveValue(
    'Right hamstring tight since Sunday’s 10k.',
  )
  await expect(page.getByLabel('Pain before (0–10)')).toHaveValue('7')

  await page.getByRole('button', { name: 'Sign note…' }).click()
  await page.getByRole('button', { name: 'Sign note now' }).click()
  await expect(page.getByText(/Signed by Sam Patel on/)).toBeVisible()
  // Signed: no way to edit it any more.
  await expect(page.getByLabel('Pain before (0–10)')).toHaveCount(0)
  await expect(page.getByLabel('Subjective')).toHaveCount(0)
  await expect(page.getByText('Right hamstring tight since Sunday’s 10k.')).toBeVisible()

  await page.getByLabel('New addendum').fill('Client phoned next day: stairs fine now.')
  await page.getByRole('button', { name: 'Add signed addendum' }).click()
  await expect(page.getByRole('list').filter({ hasText: 'stairs fine now' })).toContainText(
    'Sam Patel · signed',
  )
  await snap(page, 'notes-signed-with-addendum')
  await expectAccessible(page)

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export PDF' }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/^note-\d+-priya-shah-\d{4}-\d{2}-\d{2}\.pdf$/)
  const path = await download.path()
  expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-')

  const rows = await clinic.core.db
    .selectFrom('notes')
    .select(['pain_before', 'pain_after', 'signed_at'])
    .execute()
  expect(rows).toEqual([{ pain_before: 7, pain_after: 3, signed_at: expect.any(String) }])

  await page.goto(`${clinic.url}#/clients/${clientId}`)
  await expect(page.getByRole('heading', { level: 2, name: 'Treatment notes' })).toBeVisible()
  await expect(page.getByText('Pain 7 → 3', { exact: true })).toBeVisible()
  await page.getByRole('button', { name: 'Show progress' }).click()
  // The pain chart (recharts, like the other progress charts): focusable, its text
  // alternative beside it, and a table view of the same numbers.
  const pain = page.getByRole('img', { name: 'Pain before and after each session' })
  await expect(pain).toBeVisible()
  await pain.focus()
  await expect(pain).toBeFocused()
  await expect(pain.locator('.recharts-line')).toHaveCount(2)
  await expect(
    page.getByText(/^Latest session, .+: before 7, after 3 out of 10 \(much better\)\./),
  ).toBeVisible()
  await page
    .getByRole('button', { name: 'Show the Pain before and after each session table' })
    .click()
  const painTable = page.getByRole('table', { name: 'Pain before and after each session' })
  await expect(painTable.getByRole('row').nth(1)).toHaveText(/\d{4}\s*7\s*3$/)
  await expect(page.getByRole('heading', { name: 'Body chart over sessions' })).toBeVisible()
  await page.getByLabel('Search this client’s notes').fill('hamstr')
  await expect(page.getByRole('region', { name: 'Search results' })).toContainText(
    'Right hamstring',
  )
  await snap(page, 'notes-client-page')
  await expectAccessible(page)
})

test('reception sees that a note exists but cannot open its content', async ({ page, clinic }) => {
  const { clientId, appointmentId } = await clinicWithTodaysAppointment(clinic.core)
  const sam = await aStaffMember(clinic.core.db, 'therapist')
  const templates = await call(clinic.core, 'notes.templates', {}, sam)
  if (!templates.ok) throw new Error(templates.error.message)
  const note = await call(
    clinic.core,
    'notes.start',
    { clientId, appointmentId, templateId: templates.value[1]!.id },
    sam,
  )
  if (!note.ok) throw new Error(note.error.message)
  await call(
    clinic.core,
    'notes.saveDraft',
    {
      id: note.value.id,
      baseRevision: note.value.revision,
      content: {
        sections: { subjective: 'Suspected stress fracture, left tibia' },
        painBefore: 6,
        painAfter: 4,
        techniques: [],
        bodyMarks: [],
      },
    },
    sam,
  )
  await call(clinic.core, 'notes.sign', { id: note.value.id }, sam)

  await clinic.open(page, { as: 'reception', at: `#/clients/${clientId}` })
  const notes = page.getByRole('region', { name: 'Treatment notes' })
  await expect(notes).toContainText('Follow-up (SOAP)')
  await expect(notes).toContainText('Signed')
  await expect(notes).toContainText('Note content is visible to therapists and the owner only.')
  await expect(page.getByText(/stress fracture/)).toHaveCount(0)
  await expect(notes.getByRole('link')).toHaveCount(0)
  await snap(page, 'notes-reception-client-page')

  // Going to the note's address directly is refused by main, not only hidden.
  await page.goto(`${clinic.url}#/clients/${clientId}/notes/${note.value.id}`)
  await expect(page.getByRole('alert')).toContainText(
    'Reception accounts cannot read a treatment note.',
  )
  await expect(page.getByText(/stress fracture/)).toHaveCount(0)
  await snap(page, 'notes-reception-refused')
  await expectAccessible(page)
})

test('the owner adds a note template in Settings without code', async ({ page, clinic }) => {
  await clinic.open(page, { as: 'owner', at: '#/settings/notes' })
  await expect(page.getByRole('heading', { level: 2, name: 'Note templates' })).toBeVisible()
  await expect(page.getByText('Initial assessment')).toBeVisible()
  await page.getByRole('button', { name: 'Add template' }).click()
  await page.getByLabel('Name', { exact: true }).fill('Pre-event')
  await page.getByLabel('Field 1 label').fill('Event and start time')
  await page.getByRole('button', { name: 'Add field' }).click()
  await page.getByLabel('Field 2 label').fill('Focus areas')
  await snap(page, 'notes-template-editor')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Save template' }).click()
  await expect(page.getByRole('listitem').filter({ hasText: 'Pre-event' })).toContainText(
    '2 fields',
  )
  const saved = await clinic.core.db
    .selectFrom('note_templates')
    .select('fields')
    .where('name', '=', 'Pre-event')
    .executeTakeFirstOrThrow()
  expect(JSON.parse(saved.fields)).toEqual([
    { id: 'event_and_start_time', label: 'Event and start time' },
    { id: 'focus_areas', label: 'Focus areas' },
  ])
})

/** Priya's Maintenance massage notes, `count` of them, started three days ago and never signed. */
async function unsignedNotesFromEarlierDays(clinic: Clinic, count: number): Promise<void> {
  const { clientId } = await clinicWithTodaysAppointment(clinic.core)
  const sam = await aStaffMember(clinic.core.db, 'therapist')
  const templates = await call(clinic.core, 'notes.templates', {}, sam)
  if (!templates.ok) throw new Error(templates.error.message)
  for (let i = 0; i < count; i++) {
    const note = await call(
      clinic.core,
      'notes.start',
      { clientId, templateId: templates.value[2]!.id },
      sam,
    )
    if (!note.ok) throw new Error(note.error.message)
  }
  await clinic.core.db
    .updateTable('notes')
    .set({ session_at: new Date(clinicNow() - 3 * 86_400_000).toISOString() })
    .execute()
}

test('a therapist sees notes left unsigned from earlier days above the diary', async ({
  page,
  clinic,
}) => {
  // Started three days ago and never signed.
  await unsignedNotesFromEarlierDays(clinic, 1)
  await clinic.open(page, { as: 'therapist', at: '#/diary' })
  const banner = page.getByRole('region', { name: /1 unsigned note from earlier days/ })
  await expect(banner).toContainText('Priya Shah · Maintenance massage')
  await snap(page, 'notes-unsigned-banner')
  await banner.getByRole('link').click()
  await expect(
    page.getByRole('heading', { level: 1, name: /Maintenance massage: Priya Shah/ }),
  ).toBeVisible()
})

test('the unsigned notes banner shows eight at a time and loads the rest on request', async ({
  page,
  clinic,
}) => {
  // All started on earlier days and never signed.
  await unsignedNotesFromEarlierDays(clinic, 11)
  await clinic.open(page, { as: 'therapist', at: '#/diary' })
  const banner = page.getByRole('region', { name: /11 unsigned notes from earlier days/ })
  await expect(banner.getByRole('link')).toHaveCount(8)
  await banner.getByRole('button', { name: 'Show more (3 not shown)' }).click()
  await expect(banner.getByRole('link')).toHaveCount(11)
  await expect(banner.getByRole('button', { name: /Show more/ })).toHaveCount(0)
})
