import { aClient, callOk } from '../fixtures/clients'
import { aNote, aTherapistAccount } from '../fixtures/notes'
import { aSession } from '../fixtures/temp-core'
import type { Page } from '@playwright/test'
import { expect, expectAccessible, snap as fullPageSnap, test } from './fixtures'

// The sidebar is sticky: scrolled down, a full-page capture draws it part-way down the page.
async function snap(page: Page, name: string) {
  await page.evaluate('window.scrollTo(0, 0)')
  await fullPageSnap(page, name)
}

test('reception adds a caller, finds them by the last digits, sees the alert, archives them', async ({
  page,
  clinic,
}) => {
  // The longest journey here, with six axe runs: give it room on a busy CI machine.
  test.slow()
  await clinic.open(page, { as: 'reception', at: '#/clients' })
  await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible()
  await snap(page, 'clients-empty')
  await expectAccessible(page)

  // On the phone: name, mobile and date of birth first.
  await page.getByRole('link', { name: 'New client' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'New client' })).toBeVisible()
  await page.getByLabel('First name').fill('Priya')
  await page.getByLabel('Last name').fill('Shah')
  await page.getByLabel('Mobile').fill('07911 123456')
  await page.getByLabel('Date of birth').fill('03/04/1988')
  await page.getByLabel('Postcode').fill('ls6 2ab')
  await page.getByLabel('Sports and activities').fill('Running')
  await page.getByLabel('Upcoming event').fill('London Marathon')
  await page.getByLabel('Consents to treatment').check()
  await expect(page.getByText('Unsaved changes')).toBeVisible()
  await snap(page, 'clients-new-form')
  await expectAccessible(page)
  await page.keyboard.press('Control+s')

  await expect(page.getByRole('heading', { level: 1, name: 'Priya Shah' })).toBeVisible()
  await expect(page.getByText('03/04/1988, age 38')).toBeVisible()
  await expect(page.getByText('LS6 2AB', { exact: false })).toBeVisible()

  // The therapist's note from the call: a suspected DVT, to be acknowledged on every open.
  await page.getByLabel('New alert').fill('Suspected DVT in left calf')
  await page.getByLabel('Severity').selectOption('contraindication')
  await page.getByLabel('Acknowledge on open').check()
  await page.getByRole('button', { name: 'Add alert' }).click()
  const banner = page.getByRole('region', { name: 'Medical alerts' })
  await expect(banner).toContainText('Contraindication: Suspected DVT in left calf')
  await snap(page, 'clients-record')
  await expectAccessible(page)

  // Later, from the diary: Ctrl+K and the last six digits, read out with a space.
  await page.getByRole('link', { name: 'Diary' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Diary' })).toBeVisible()
  await page.keyboard.press('Control+k')
  const lookup = page.getByRole('combobox', { name: 'Find a client' })
  await expect(lookup).toBeFocused()
  await lookup.pressSequentially('123 456')
  const option = page.getByRole('option', { name: /Priya Shah/ })
  await expect(option).toBeVisible()
  await expect(option.getByRole('img', { name: /Contraindication: Suspected DVT/ })).toBeVisible()
  await expect(option).toContainText('03/04/1988, age 38')
  await expect(option).toContainText('07911 123456')
  await snap(page, 'clients-lookup-palette')
  await expectAccessible(page)
  await page.keyboard.press('Enter')

  // Acknowledge before anything else on the record is shown.
  const gate = page.getByRole('alertdialog', { name: /Read before opening Priya Shah/ })
  await expect(gate).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Summary' })).toHaveCount(0)
  await snap(page, 'clients-acknowledge')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'I have read this alert' }).click()
  await expect(page.getByRole('heading', { name: 'Summary' })).toBeVisible()
  await expect(banner).toBeVisible()

  await page.getByRole('button', { name: 'Archive' }).click()
  await expect(page.getByText(/Archived on/)).toBeVisible()

  // Archived: gone from the default lookup, found again with "Include archived".
  await page.keyboard.press('Control+k')
  await lookup.pressSequentially('123 456')
  await expect(
    page.getByText('No clients match “123 456” (archived clients are hidden).'),
  ).toBeVisible()
  await page.getByLabel('Include archived').check()
  await expect(page.getByRole('option', { name: /Priya Shah.*Archived/ })).toBeVisible()
  await snap(page, 'clients-lookup-archived')

  const timeline = await clinic.core.db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_type', '=', 'client')
    .orderBy('id')
    .execute()
  expect(timeline.map((t) => t.action)).toEqual([
    'clients.create',
    'clients.addAlert',
    'clients.acknowledgeAlerts',
    'clients.archive',
  ])
})

test('arrow keys move through the results and Enter opens the chosen client', async ({
  page,
  clinic,
}) => {
  for (const [first, last, mobile] of [
    ['Anna', 'Dennison', '07400 111222'],
    ['Ruth', 'Dennis', '07400 333444'],
    ['Carl', 'Ardenniston', '07400 555666'],
  ] as const) {
    await aClient().named(first, last).withMobile(mobile).in(clinic.core)
  }
  await clinic.open(page, { as: 'reception', at: '#/clients' })
  const lookup = page.getByRole('combobox', { name: 'Find a client' })
  await expect(lookup).toBeFocused()
  await lookup.pressSequentially('dennis')
  const options = page.getByRole('option')
  await expect(options).toHaveText([/Ruth Dennis/, /Anna Dennison/, /Carl Ardenniston/])
  await expect(options.first()).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('ArrowDown')
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true')
  await snap(page, 'clients-lookup-page')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Anna Dennison' })).toBeVisible()
})

test('a likely duplicate is flagged with a way to open it, and only saved on purpose', async ({
  page,
  clinic,
}) => {
  const existing = await aClient()
    .named('Mark', 'Evans')
    .withMobile('07911 123456')
    .bornOn('1985-03-07')
    .in(clinic.core, aSession('reception'))
  await clinic.open(page, { as: 'reception', at: '#/clients/new' })
  await page.getByLabel('First name').fill('Julie')
  await page.getByLabel('Last name').fill('Evans')
  await page.getByLabel('Mobile').fill('+44 7911 123456')
  const warning = page.getByRole('region', { name: 'Possibly already on file' })
  await expect(warning).toContainText('Mark Evans')
  await expect(warning).toContainText('same phone')
  await expect(warning.getByRole('link', { name: 'Open existing' })).toHaveAttribute(
    'href',
    `#/clients/${existing.id}`,
  )
  await page.getByRole('button', { name: 'Save client' }).click()
  await expect(page.getByText(/may already be on file/)).toBeVisible()
  await snap(page, 'clients-duplicate-warning')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Save as a new client anyway' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Julie Evans' })).toBeVisible()
})

test('bad details are explained beside each field and nothing is saved', async ({
  page,
  clinic,
}) => {
  await clinic.open(page, { as: 'reception', at: '#/clients/new' })
  await page.getByLabel('First name').fill('Tom')
  await page.getByLabel('Mobile').fill('12345')
  await page.getByLabel('E-mail', { exact: true }).fill('tom@')
  await page.getByLabel('Postcode').fill('XYZ')
  await page.getByRole('button', { name: 'Save client' }).click()
  await expect(page.getByText('Enter the last name')).toBeVisible()
  await expect(page.getByText(/Enter a valid phone number/)).toBeVisible()
  await expect(page.getByText('Enter an e-mail address like name@example.com')).toBeVisible()
  await expect(page.getByText('Enter a UK postcode like SW1A 1AA')).toBeVisible()
  await expect(page.getByLabel('Last name')).toHaveAttribute('aria-invalid', 'true')
  await snap(page, 'clients-form-errors')
  await expectAccessible(page)
  expect(await clinic.core.db.selectFrom('clients').selectAll().execute()).toEqual([])

  // Typing survives a look at another screen (the draft is kept), with a warning on leaving.
  page.once('dialog', (dialog) => void dialog.accept())
  await page.getByRole('link', { name: 'Diary' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Diary' })).toBeVisible()
  await page.goBack()
  await expect(page.getByLabel('First name')).toHaveValue('Tom')
  await expect(page.getByText('Unsaved changes (restored draft)')).toBeVisible()
})

test('the owner merges a duplicate, choosing the e-mail from it, and undoes the merge', async ({
  page,
  clinic,
}) => {
  const owner = aSession('owner')
  const kept = await aClient()
    .named('Katie', 'Morgan')
    .withMobile('07911 123456')
    .bornOn('1990-06-01')
    .in(clinic.core, owner)
  const dup = await aClient()
    .named('Kate', 'Morgan')
    .withMobile('07400 555666')
    .withEmail('kate.morgan@example.com')
    .withAlert('Nut oil allergy', 'caution', false)
    .in(clinic.core, owner)
  const sam = await aTherapistAccount(clinic.core, 'Sam')
  const note = await aNote(clinic.core, sam.session, dup.id).withPain(6, 2).signed().in()
  await clinic.open(page, { as: 'owner', at: `#/clients/${kept.id}` })
  await page.getByRole('link', { name: 'Merge…' }).click()
  await page
    .getByRole('combobox', { name: 'Find the duplicate record' })
    .pressSequentially('555 666')
  await page.getByRole('option', { name: /Kate Morgan/ }).click()

  const table = page.getByRole('table')
  await expect(table.getByRole('row', { name: /E-mail/ })).toBeVisible()
  // An empty e-mail here and one on the duplicate: the duplicate's is chosen by default.
  await expect(page.getByRole('radio', { name: 'kate.morgan@example.com' })).toBeChecked()
  await expect(page.getByRole('radio', { name: 'Katie', exact: true })).toBeChecked()
  await expect(page.getByRole('status')).toContainText(
    'Moving to this record from Kate Morgan: 0 appointments, 1 treatment note, 1 alert',
  )
  await snap(page, 'clients-merge-choices')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Merge records' }).click()
  await expect(
    page.getByRole('heading', { name: 'Merged Kate Morgan into Katie Morgan' }),
  ).toBeVisible()
  const after = await callOk(clinic.core, 'clients.get', { id: kept.id }, owner)
  expect(after.email).toBe('kate.morgan@example.com')
  expect(after.alerts.map((a) => a.text)).toEqual(['Nut oil allergy'])
  const moved = await callOk(clinic.core, 'notes.listForClient', { clientId: kept.id }, owner)
  expect(moved.map((n) => n.id)).toEqual([note.id])

  await snap(page, 'clients-merged')
  await page.getByRole('button', { name: 'Undo merge' }).click()
  await expect(page.getByText('Merge undone: the two records are separate again.')).toBeVisible()
  const undone = await callOk(clinic.core, 'clients.get', { id: kept.id }, owner)
  expect(undone.email).toBe('')
  expect(undone.alerts).toEqual([])
})

test('a therapist records the health questionnaire and its alerts appear', async ({
  page,
  clinic,
}) => {
  const client = await aClient().named('Dev', 'Patel').in(clinic.core)
  await clinic.open(page, { as: 'therapist', at: `#/clients/${client.id}` })
  // Therapists edit records but neither archive nor merge them.
  await expect(page.getByRole('link', { name: 'Edit details' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Archive' })).toHaveCount(0)
  await expect(page.getByRole('link', { name: 'Merge…' })).toHaveCount(0)
  await page.getByRole('button', { name: 'Record answers' }).click()
  await page.getByLabel('Pregnancy').check()
  await page.getByLabel('Details: Pregnancy').fill('20 weeks')
  await page.getByLabel('Recent surgery or fracture').check()
  await page.getByLabel('Nut oils').check()
  await page.getByLabel('Medications').fill('Folic acid')
  await snap(page, 'clients-questionnaire-form')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Save as new version' }).click()
  const banner = page.getByRole('region', { name: 'Medical alerts' })
  await expect(banner).toContainText('Contraindication: Recent surgery or fracture')
  await expect(banner).toContainText('Caution: Pregnancy (20 weeks)')
  await expect(banner).toContainText('Caution: Allergy: nut oils')
  await expect(page.getByText(/version 1 of 1/)).toBeVisible()

  // A contraindication from the questionnaire must be acknowledged each time the record opens.
  await page.reload()
  await expect(
    page.getByRole('alertdialog', { name: /Read before opening Dev Patel/ }),
  ).toBeVisible()
})
