import type { Page } from '@playwright/test'
import { aNote } from '../fixtures/notes'
import { aStaffMember, TEST_PASSWORD } from '../fixtures/staff'
import { expect, snap, test, type Clinic } from './fixtures'
import { aClient, startFollowUp } from './notes-helpers'

const diary = (page: Page) => page.getByRole('heading', { level: 1, name: 'Diary' })
const noteHeading = (page: Page) =>
  page.getByRole('heading', { level: 1, name: /Follow-up \(SOAP\): Priya Shah/ })

async function signIn(page: Page, username: string, button = 'Sign in') {
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Password').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: button }).click()
}

/** How often someone was recorded opening a treatment note. */
async function noteOpenings(clinic: Clinic, userId: number): Promise<number> {
  const rows = await clinic.core.db
    .selectFrom('audit_log')
    .select('id')
    .where('action', '=', 'notes.opened')
    .where('user_id', '=', userId)
    .execute()
  return rows.length
}

test('whoever signs in next opens the diary, not the treatment note left on screen', async ({
  page,
  clinic,
}) => {
  const owner = await aStaffMember(clinic.core.db, 'owner')
  const clientId = await aClient(clinic.core)
  await clinic.open(page, { as: 'therapist', at: '#/clients' })
  await startFollowUp(page, clientId, clinic.url)
  await expect(noteHeading(page)).toBeVisible()

  // The therapist locks; the same therapist unlocking goes back to the note they chose.
  await page.keyboard.press('Control+l')
  await expect(page.getByRole('heading', { name: 'Plinth is locked' })).toBeVisible()
  await page.getByLabel('Password').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Unlock' }).click()
  await expect(noteHeading(page)).toBeVisible()

  // Locked again; the owner takes over with Switch user: the diary, not the note.
  await page.keyboard.press('Control+l')
  await page.getByRole('button', { name: 'Switch user' }).click()
  await signIn(page, owner.username, 'Sign in and take over')
  await expect(diary(page)).toBeVisible()
  await expect(page).toHaveURL(/#\/diary$/)
  await expect(noteHeading(page)).toHaveCount(0)
  await snap(page, 'auth-switch-user-lands-on-diary')
  expect(await noteOpenings(clinic, owner.userId)).toBe(0)

  // The owner opens the note on purpose, then signs out; the therapist signs in: the diary.
  // Back does not lead into the note either: the sign-in replaced that history entry.
  await page.goBack()
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await expect(noteHeading(page)).toHaveCount(0)
  expect(await noteOpenings(clinic, owner.userId)).toBe(0)
  const [note] = await clinic.core.db.selectFrom('notes').select('id').execute()
  await page.goto(`${clinic.url}#/clients/${clientId}/notes/${note!.id}`)
  await expect(noteHeading(page)).toBeVisible()
  expect(await noteOpenings(clinic, owner.userId)).toBe(1)
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  const therapist = await aStaffMember(clinic.core.db, 'therapist')
  const before = await noteOpenings(clinic, therapist.userId)
  await signIn(page, therapist.username)
  await expect(diary(page)).toBeVisible()
  await expect(page).toHaveURL(/#\/diary$/)
  expect(await noteOpenings(clinic, therapist.userId)).toBe(before)
  expect(await noteOpenings(clinic, owner.userId)).toBe(1)
})

test('a sign-in at an address left on a treatment note still opens the diary', async ({
  page,
  clinic,
}) => {
  const owner = await aStaffMember(clinic.core.db, 'owner')
  const therapist = await aStaffMember(clinic.core.db, 'therapist')
  const clientId = await aClient(clinic.core)
  const note = await aNote(clinic.core, therapist, clientId).withPain(6, 2).in()
  await page.goto(`${clinic.url}#/clients/${clientId}/notes/${note.id}`)
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await signIn(page, owner.username)
  await expect(diary(page)).toBeVisible()
  await expect(page).toHaveURL(/#\/diary$/)
  expect(await noteOpenings(clinic, owner.userId)).toBe(0)
})
