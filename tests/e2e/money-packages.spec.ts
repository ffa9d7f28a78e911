import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { pdfTextOf } from '../fixtures/pdf-text'
import { aSession, call } from '../fixtures/temp-core'
import { expect, expectAccessible, snap, test, type Clinic } from './fixtures'
import { aSmallClinic } from './small-clinic'

const owner = aSession('owner')

async function ok<T>(
  p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
) {
  const r = await p
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

/** The small clinic, with the owner's "5 × Sports massage 60 min, £250, valid 6 months". */
async function aClinicWithAPackage(clinic: Clinic) {
  const c = await aSmallClinic(clinic.core)
  await ok(
    call(
      clinic.core,
      'packages.saveType',
      {
        name: '5 × Sports massage 60 min',
        serviceIds: [c.serviceId],
        sessions: 5,
        pricePence: 25000,
        validMonths: 6,
      },
      owner,
    ),
  )
  return c
}

/** Ctrl+B, Priya, the first free time of the (default) massage, Book. */
async function bookPriya(page: Page, expectedNote: string, shot?: string) {
  await page.keyboard.press('Control+b')
  const dialog = page.getByRole('dialog', { name: 'New booking' })
  await page.keyboard.type('Priya')
  await expect(dialog.getByRole('option', { name: /Priya Shah/ })).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(dialog.getByLabel('Service')).toBeFocused()
  const note = dialog.getByRole('status').filter({ hasText: 'Package' })
  await expect(note).toHaveText(expectedNote)
  if (shot) {
    await note.scrollIntoViewIfNeeded()
    await snap(page, shot)
  }
  const first = dialog.getByRole('listbox', { name: 'Free times' }).getByRole('option').first()
  await first.click()
  await expect(dialog.locator('.booking-summary')).toContainText('Priya Shah')
  return dialog
}

/** From the diary: the visit, Arrived, Take payment; the package is the default; Enter. */
async function checkOutFromPackage(page: Page, visit: number, left: string, shot?: string) {
  await page.locator('.rbc-event', { hasText: 'Priya Shah' }).nth(visit).click()
  const appt = page.getByRole('dialog', { name: 'Priya Shah' })
  await appt.getByRole('button', { name: 'Arrived' }).click()
  await appt.getByRole('button', { name: 'Take payment · £60.00' }).click()
  const pay = page.getByRole('dialog', { name: 'Take payment · Priya Shah' })
  const usePackage = pay.getByRole('radio', { name: /^Use package: / })
  await expect(usePackage).toBeChecked()
  await expect(pay.getByRole('button', { name: 'Use 1 session' })).toBeFocused()
  if (shot) {
    await snap(page, shot)
    await expectAccessible(page)
  }
  await page.keyboard.press('Enter')
  await expect(pay.getByRole('status')).toHaveText(
    `Paid from package · 5 × Sports massage 60 min · ${left}`,
  )
  await pay.getByRole('button', { name: 'Done' }).press('Enter')
  await expect(appt.getByText('Paid from package')).toBeVisible()
  await appt.getByRole('button', { name: /Close/ }).click()
  await expect(appt).toBeHidden()
}

test('a package is sold and used over two visits', async ({ page, clinic }) => {
  const { priya } = await aClinicWithAPackage(clinic)
  // At the desk, on Priya's page: sell her the package, paid by card.
  await clinic.open(page, { as: 'reception', at: `#/clients/${priya}` })
  const account = page.locator('section', { has: page.getByRole('heading', { name: 'Account' }) })
  await expect(account.getByText('No packages.')).toBeVisible()
  await account.getByRole('button', { name: 'Sell a package' }).click()
  const sell = page.getByRole('dialog', { name: 'Sell a package · Priya Shah' })
  await expect(sell.getByLabel('Package', { exact: true })).toBeFocused()
  await expect(sell.getByLabel('Paid by')).toHaveValue(/\d+/)
  await sell.getByRole('button', { name: 'Sell · £250.00' }).click()
  await expect(sell.getByRole('status')).toHaveText(
    'Sold 5 × Sports massage 60 min on INV-000001 · 5 sessions, expires 17 Dec 2026',
  )
  await sell.getByRole('button', { name: 'Done' }).click()
  await expect(account.getByText('5 of 5 left, expires 17 Dec 2026')).toBeVisible()

  // Two visits booked by phone: the booking dialog says the package can pay for them.
  await bookPriya(
    page,
    'Package 5 × Sports massage 60 min: 5 of 5 left, expires 17 Dec 2026. This booking can be paid from it.',
    'package-booking-dialog',
  )
  await page.getByRole('button', { name: 'Book', exact: true }).click()
  await expect(page.getByRole('dialog', { name: 'New booking' })).toBeHidden()
  const second = await bookPriya(
    page,
    'Package 5 × Sports massage 60 min: 5 of 5 left, expires 17 Dec 2026. This booking can be paid from it.',
  )
  await second.getByRole('button', { name: 'Book', exact: true }).click()
  await expect(second).toBeHidden()

  // Each visit is checked out from the package at the desk.
  await page.goto(`${clinic.url}#/diary`)
  await expect(page.locator('.rbc-event', { hasText: 'Priya Shah' })).toHaveCount(2)
  await checkOutFromPackage(page, 0, '4 of 5 left, expires 17 Dec 2026', 'package-checkout')
  await checkOutFromPackage(page, 1, '3 of 5 left, expires 17 Dec 2026')

  await page.goto(`${clinic.url}#/clients/${priya}`)
  await expect(account.getByText('3 of 5 left, expires 17 Dec 2026')).toBeVisible()
  await account.getByText('Sessions (2 used)').click()
  await expect(account.getByText(/^Used for the appointment of/)).toHaveCount(2)
  await snap(page, 'package-client-page')
  await expectAccessible(page)

  // One sale invoice; the visits were paid by sessions, not invoiced again.
  const invoices = await clinic.core.db.selectFrom('invoices').select('number').execute()
  expect(invoices).toEqual([{ number: 'INV-000001' }])
  const uses = await clinic.core.db
    .selectFrom('package_sessions')
    .select(['kind', 'sessions'])
    .execute()
  expect(uses).toEqual([
    { kind: 'use', sessions: -1 },
    { kind: 'use', sessions: -1 },
  ])
})

test('the owner defines a package in Settings → Money', async ({ page, clinic }) => {
  await aSmallClinic(clinic.core)
  await clinic.open(page, { as: 'owner', at: '#/settings/money' })
  const form = page.getByRole('form', { name: 'Add a package' })
  await form.getByLabel('Package name').fill('5 × Sports massage 60 min')
  await form.getByLabel('Price (£)').fill('250')
  await form.getByRole('button', { name: 'Add package' }).click()
  await expect(form.locator('.field-error')).toHaveText('Choose at least one service')
  await form.getByLabel('Sports massage 60 min').check()
  await form.getByRole('button', { name: 'Add package' }).click()
  const card = page.locator('section', { has: page.getByRole('heading', { name: 'Packages' }) })
  await expect(
    card.getByText(
      '5 × Sports massage 60 min · 5 sessions of Sports massage 60 min · £250.00 · valid 6 months · 0 sold',
    ),
  ).toBeVisible()
  await snap(page, 'package-types-settings')
})

test('a sold gift voucher is printed from its row as a one-page PDF', async ({ page, clinic }) => {
  const { priya } = await aSmallClinic(clinic.core)
  const methods = await ok(call(clinic.core, 'money.methods', {}, owner))
  const sold = await ok(
    call(
      clinic.core,
      'vouchers.sell',
      {
        clientId: priya,
        valuePence: 5000,
        recipientName: 'Sarah Wood',
        payments: [{ methodId: methods.find((m) => m.kind === 'card')!.id, amountPence: 5000 }],
      },
      owner,
    ),
  )
  await clinic.open(page, { as: 'reception', at: '#/money/vouchers' })
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: `PDF of voucher ${sold.voucher.code}` }).click()
  const file = await download
  expect(file.suggestedFilename()).toBe(`${sold.voucher.code}.pdf`)
  const text = pdfTextOf(
    readFileSync(await file.path()),
    resolve('test-results/screenshots'),
    'gift-voucher-pdf',
    { dpi: 60 },
  ).replace(/[ \t]+/g, ' ')
  for (const expected of [
    sold.voucher.code,
    '£50.00',
    'Balance £50.00',
    'Valid until 16 June 2027',
    'For Sarah Wood',
    'From Priya Shah',
  ]) {
    expect(text).toContain(expected)
  }
})
