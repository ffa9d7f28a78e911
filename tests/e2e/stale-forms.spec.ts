import type { PlinthCore } from '../../src/main/app-core'
import { aClient } from '../fixtures/clients'
import { aSession, call } from '../fixtures/temp-core'
import { expect, expectAccessible, snap, test } from './fixtures'

const owner = aSession('owner')

/** Another desk renames the clinic on the revision it read. */
async function renameElsewhere(core: PlinthCore, clinicName: string) {
  const current = await call(core, 'settings.get', {}, owner)
  if (!current.ok) throw new Error(current.error.message)
  const { updatedAt: _at, revision, ...values } = current.value
  const saved = await call(
    core,
    'settings.update',
    { ...values, clinicName, baseRevision: revision },
    owner,
  )
  expect(saved.ok).toBe(true)
}

test('settings saved from a screen that fell behind are refused, the typing kept', async ({
  page,
  clinic,
}) => {
  await clinic.open(page, { at: '#/settings' })
  const name = page.getByLabel('Clinic name')
  await expect(name).toHaveValue('My clinic')
  await renameElsewhere(clinic.core, 'Harbour Sports Massage')

  await name.fill('Riverside Sports Massage')
  await page.getByRole('button', { name: 'Save settings' }).click()
  const refused = page.getByRole('alert').filter({ hasText: 'changed elsewhere' })
  await expect(refused).toContainText(
    'The clinic settings were changed elsewhere (on another screen or desk)',
  )
  await expect(name).toHaveValue('Riverside Sports Massage')
  await snap(page, 'settings-changed-elsewhere')
  await expectAccessible(page)
  const stored = await clinic.core.db
    .selectFrom('clinic_settings')
    .select('clinic_name')
    .executeTakeFirstOrThrow()
  expect(stored.clinic_name).toBe('Harbour Sports Massage')

  // A reload brings the typing back from the draft, still on the old revision: still refused.
  await page.reload()
  await expect(name).toHaveValue('Riverside Sports Massage')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(refused).toBeVisible()

  // Discarding loads the latest version; a change made on it saves.
  await page.getByRole('button', { name: 'Discard changes' }).click()
  await expect(name).toHaveValue('Harbour Sports Massage')
  await name.fill('Harbour & Riverside Massage')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText(/Saved at \d\d:\d\d/)).toBeVisible()
  await expect(page.getByTestId('clinic-name')).toHaveText('Harbour & Riverside Massage')
})

test('a client record edited at two desks: the second save is refused and nothing is lost', async ({
  page,
  clinic,
}) => {
  const client = await aClient().named('Sarah', 'Jones').in(clinic.core, owner)
  await clinic.open(page, { at: `#/clients/${client.id}/edit` })
  const occupation = page.getByLabel('Occupation')
  await expect(occupation).toBeVisible()

  const opened = await call(clinic.core, 'clients.get', { id: client.id }, owner)
  if (!opened.ok) throw new Error(opened.error.message)
  const other = await call(
    clinic.core,
    'clients.update',
    {
      id: client.id,
      baseRevision: opened.value.revision,
      client: { firstName: 'Sarah', lastName: 'Jones-Smith', mobile: opened.value.mobile },
    },
    owner,
  )
  expect(other.ok).toBe(true)

  await occupation.fill('Physiotherapist')
  await page.getByRole('button', { name: /Save/ }).first().click()
  await expect(page.getByRole('alert').filter({ hasText: 'changed elsewhere' })).toContainText(
    'This client record was changed elsewhere',
  )
  await expect(occupation).toHaveValue('Physiotherapist')
  const row = await clinic.core.db
    .selectFrom('clients')
    .select(['last_name', 'occupation'])
    .where('id', '=', client.id)
    .executeTakeFirstOrThrow()
  expect(row).toEqual({ last_name: 'Jones-Smith', occupation: '' })
})
