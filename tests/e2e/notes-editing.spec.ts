import { aStaffMember } from '../fixtures/staff'
import { aSession, call } from '../fixtures/temp-core'
import { expect, expectAccessible, snap, test } from './fixtures'
import { aClient, startFollowUp } from './notes-helpers'

test('a therapist discards a draft after confirming in an in-app dialog', async ({
  page,
  clinic,
}) => {
  const clientId = await aClient(clinic.core)
  await clinic.open(page, { as: 'therapist', at: '#/clients' })
  await startFollowUp(page, clientId, clinic.url)

  await page.getByRole('button', { name: 'Discard draft…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Discard this draft?' })
  await expect(dialog).toContainText('This cannot be undone.')
  await expect(dialog.getByRole('button', { name: 'Keep the draft' })).toBeFocused()
  await snap(page, 'notes-discard-dialog')
  await expectAccessible(page)
  await dialog.getByRole('button', { name: 'Keep the draft' }).click()
  await expect(dialog).toHaveCount(0)
  expect(await clinic.core.db.selectFrom('notes').select('id').execute()).toHaveLength(1)

  await page.getByLabel('Plan').fill('Typed just before discarding')
  await page.getByRole('button', { name: 'Discard draft…' }).click()
  await page
    .getByRole('dialog', { name: 'Discard this draft?' })
    .getByRole('button', { name: 'Discard draft' })
    .click()
  await expect(page).toHaveURL(new RegExp(`#/clients/${clientId}$`))
  await expect(page.getByRole('heading', { level: 2, name: 'Treatment notes' })).toBeVisible()
  expect(await clinic.core.db.selectFrom('notes').select('id').execute()).toEqual([])
  const audit = await clinic.core.db
    .selectFrom('audit_log')
    .select('action')
    .where('action', '=', 'notes.discardDraft')
    .execute()
  expect(audit).toHaveLength(1)
})

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true })

  test('a tap on the body chart places a mark', async ({ page, clinic }) => {
    const clientId = await aClient(clinic.core)
    await clinic.open(page, { as: 'therapist', at: '#/clients' })
    await startFollowUp(page, clientId, clinic.url)
    const chart = page.getByRole('img', { name: /Body chart, front and back/ })
    await chart.scrollIntoViewIfNeeded()
    const box = (await chart.boundingBox())!
    const scale = box.width / 216
    // The back view's right hamstring, as in the mouse test.
    await page.touchscreen.tap(box.x + (116 + 60) * scale, box.y + 130 * scale)
    const marks = page.getByRole('list', { name: 'Marks on the chart' })
    await expect(marks).toContainText('Pain 3/5 – Right hamstring')
    await expect(marks.getByRole('listitem')).toHaveCount(1)
    await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible()
    const [note] = await clinic.core.db.selectFrom('notes').select('body_marks').execute()
    expect(JSON.parse(note!.body_marks)).toEqual([
      expect.objectContaining({ region: 'hamstring-r', kind: 'pain', intensity: 3 }),
    ])
    await snap(page, 'notes-body-chart-touch')
  })
})

test('the owner deletes an unused template and retires one notes were written on', async ({
  page,
  clinic,
}) => {
  const owner = aSession('owner')
  const added = await call(
    clinic.core,
    'notes.saveTemplate',
    { name: 'Pre-event', fields: [{ id: 'event', label: 'Event' }] },
    owner,
  )
  if (!added.ok) throw new Error(added.error.message)
  const clientId = await aClient(clinic.core)
  const templates = await call(clinic.core, 'notes.templates', {}, owner)
  if (!templates.ok) throw new Error(templates.error.message)
  const maintenance = templates.value.find((t) => t.name === 'Maintenance massage')!
  const used = await call(
    clinic.core,
    'notes.start',
    { clientId, templateId: maintenance.id },
    await aStaffMember(clinic.core.db, 'therapist'),
  )
  if (!used.ok) throw new Error(used.error.message)

  await clinic.open(page, { as: 'owner', at: '#/settings/notes' })
  await page.getByRole('button', { name: 'Delete Pre-event' }).click()
  const dialog = page.getByRole('dialog', { name: 'Delete “Pre-event”?' })
  await expect(dialog).toContainText('retired instead')
  await snap(page, 'notes-template-delete-dialog')
  await expectAccessible(page)
  await dialog.getByRole('button', { name: 'Delete template' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Deleted “Pre-event”.' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Delete Pre-event' })).toHaveCount(0)

  await page.getByRole('button', { name: 'Delete Maintenance massage' }).click()
  await page
    .getByRole('dialog', { name: 'Delete “Maintenance massage”?' })
    .getByRole('button', { name: 'Delete template' })
    .click()
  await expect(
    page.getByRole('status').filter({ hasText: /Retired “Maintenance massage”/ }),
  ).toBeVisible()
  await expect(page.getByRole('listitem').filter({ hasText: 'Maintenance massage' })).toContainText(
    '(not offered)',
  )
  await snap(page, 'notes-template-retired')
  const row = await clinic.core.db
    .selectFrom('note_templates')
    .select('active')
    .where('id', '=', maintenance.id)
    .executeTakeFirstOrThrow()
  expect(row.active).toBe(0)
})
