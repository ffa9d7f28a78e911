import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { pdfTextOf } from '../fixtures/pdf-text'
import { call } from '../fixtures/temp-core'
import { TEST_PASSWORD } from '../fixtures/staff'
import { expect, expectAccessible, snap, test } from './fixtures'
import { ok, openAppointment, openTakePayment, owner, priyaHasArrived } from './money-helpers'
import { today } from './small-clinic'

test('reception completes an appointment, takes £55 as £20 cash + £35 card by keyboard, gives change from £50 and prints the receipt', async ({
  page,
  clinic,
}) => {
  const { appointmentId } = await priyaHasArrived(clinic)
  const appt = await openAppointment(page, clinic)
  await appt.getByRole('button', { name: 'Completed' }).click()
  await appt.getByRole('button', { name: 'Take payment · £55.00' }).click()

  const pay = page.getByRole('dialog', { name: 'Take payment · Priya Shah' })
  const amount1 = pay.getByLabel('Amount (£)')
  await expect(amount1).toBeFocused()
  await expect(amount1).toHaveValue('55.00')
  await page.keyboard.type('20')
  await page.keyboard.press('Shift+Tab')
  await expect(pay.getByLabel('Method', { exact: true })).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(pay.getByLabel('Method', { exact: true })).toHaveValue(/\d+/)
  await expect(pay.locator('option:checked')).toHaveText('Cash')
  await expect(pay.getByRole('status')).toHaveText('Left to pay: £35.00 (stays due on the invoice)')
  await page.keyboard.press('Alt+s')
  await expect(pay.getByLabel('Amount 2 (£)')).toBeFocused()
  await expect(pay.getByLabel('Amount 2 (£)')).toHaveValue('35.00')
  await expect(pay.getByLabel('Method 2')).toHaveValue(/\d+/)
  await expect(pay.getByRole('status')).toHaveText('Paid in full')
  // Priya hands over a £50 note for the £20 cash part: the change is shown, never recorded.
  await page.keyboard.press('Alt+g')
  await expect(pay.getByLabel('Cash given (£)')).toBeFocused()
  await expect(pay.getByText('Cash part £20.00')).toBeVisible()
  await page.keyboard.type('50')
  await expect(pay.getByText('Change due: £30.00')).toBeVisible()
  await snap(page, 'money-checkout-split')
  await expectAccessible(page)
  await page.keyboard.press('Enter')

  await expect(pay.getByRole('status')).toHaveText('Paid · INV-000001 · Cash £20.00 + Card £35.00')
  await expect(pay.getByRole('button', { name: 'Done' })).toBeFocused()
  await snap(page, 'money-checkout-paid')
  // Print the receipt, by keyboard too: it is saved as a PDF, read back with poppler.
  await page.keyboard.press('Shift+Tab')
  await expect(pay.getByRole('button', { name: 'Print receipt' })).toBeFocused()
  const download = page.waitForEvent('download')
  await page.keyboard.press('Enter')
  const file = await download
  expect(file.suggestedFilename()).toBe('INV-000001.pdf')
  const text = pdfTextOf(
    readFileSync(await file.path()),
    resolve('test-results/screenshots'),
    'money-receipt',
    { dpi: 80 },
  ).replace(/[ \t]+/g, ' ')
  for (const expected of [
    'Receipt INV-000001',
    'Client treated',
    'Sam Patel',
    'Paid 17 June 2026 by Cash £20.00',
    'Paid 17 June 2026 by Card £35.00',
    'Balance due £0.00',
  ]) {
    expect(text).toContain(expected)
  }
  await pay.getByRole('button', { name: 'Done' }).press('Enter')
  await expect(appt.getByText('Paid · INV-000001')).toBeVisible()

  const entries = await clinic.core.db
    .selectFrom('ledger_entries as e')
    .innerJoin('payment_methods as m', 'm.id', 'e.method_id')
    .select(['m.name', 'e.amount_pence', 'e.invoice_id'])
    .orderBy('e.id')
    .execute()
  expect(entries.map((e) => [e.name, e.amount_pence])).toEqual([
    ['Cash', 2000],
    ['Card', 3500],
  ])
  const line = await clinic.core.db
    .selectFrom('invoice_lines')
    .select(['appointment_id', 'unit_pence'])
    .executeTakeFirstOrThrow()
  expect(line).toEqual({ appointment_id: appointmentId, unit_pence: 5500 })
})

test('an amount that is not money is refused next to the field, and nothing is taken', async ({
  page,
  clinic,
}) => {
  // The amount has the focus as the dialog opens (keys typed while the methods load: below).
  const pay = await openTakePayment(page, clinic)
  await page.keyboard.type('fifty')
  await page.keyboard.press('Enter')
  await expect(pay.getByRole('alert')).toHaveText('Enter an amount in pounds, e.g. £35.00')
  await expect(pay.getByLabel('Amount (£)')).toHaveValue('fifty')
  // Corrected, the refusal goes; with the full amount typed there is nothing to split.
  await pay.getByLabel('Amount (£)').fill('55')
  await expect(pay.getByRole('alert')).toHaveCount(0)
  await page.keyboard.press('Alt+s')
  await expect(pay.getByRole('alert')).toHaveText(
    'Nothing is left to pay: make the first amount smaller, then split.',
  )
  await expect(pay.getByLabel('Amount 2 (£)')).toHaveCount(0)
  expect(await clinic.core.db.selectFrom('invoices').selectAll().execute()).toEqual([])
})

test('keys typed while the payment methods load are kept, and Enter then takes nothing', async ({
  page,
  clinic,
}) => {
  await priyaHasArrived(clinic)
  const appt = await openAppointment(page, clinic)
  // Hold the payment methods back, as a busy machine did: the form must not wait for them.
  let release!: () => void
  const held = new Promise<void>((r) => (release = r))
  await page.route('**/__plinth/rpc', async (route) => {
    if (route.request().postData()?.includes('"money.methods"')) await held
    await route.continue()
  })
  await appt.getByRole('button', { name: 'Take payment · £55.00' }).click()
  const pay = page.getByRole('dialog', { name: 'Take payment · Priya Shah' })
  const amount = pay.getByLabel('Amount (£)')
  await expect(amount).toBeFocused()
  await page.keyboard.type('20')
  await page.keyboard.press('Enter')
  await expect(pay.getByRole('alert')).toHaveText(
    'The payment methods are still loading: press Enter again in a moment. Nothing was taken.',
  )
  await expect(amount).toHaveValue('20')
  expect(await clinic.core.db.selectFrom('ledger_entries').selectAll().execute()).toEqual([])
  release()
  await expect(pay.locator('option:checked')).toHaveText('Card')
  await expect(amount).toHaveValue('20')
  await amount.press('Enter')
  await expect(pay.getByRole('status')).toHaveText('Paid · INV-000001 · Card £20.00')
})

test('locking the screen mid-payment keeps the payment: unlocked, the dialog is back as typed', async ({
  page,
  clinic,
}) => {
  const pay = await openTakePayment(page, clinic)
  await page.keyboard.type('25')
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('ArrowDown')
  await expect(pay.locator('option:checked')).toHaveText('Cash')
  // The client looks for their card; reception locks the screen (the idle lock does the same).
  await page.keyboard.press('Control+l')
  await expect(page.getByRole('heading', { name: 'Plinth is locked' })).toBeVisible()
  await expect(pay).toHaveCount(0)
  await page.getByLabel('Password').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Unlock' }).click()
  await expect(pay.getByLabel('Amount (£)')).toHaveValue('25')
  await expect(pay.locator('option:checked')).toHaveText('Cash')
  await expect(page.getByRole('dialog', { name: 'Priya Shah', exact: true })).toBeVisible()
  expect(await clinic.core.db.selectFrom('ledger_entries').selectAll().execute()).toEqual([])
  await pay.getByLabel('Amount (£)').press('Enter')
  await expect(pay.getByRole('status')).toHaveText('Paid · INV-000001 · Cash £25.00')
})

test('the owner issues a credit note against an issued invoice', async ({ page, clinic }) => {
  const { priya } = await priyaHasArrived(clinic)
  const draft = await ok(
    call(
      clinic.core,
      'invoices.saveDraft',
      {
        clientId: priya,
        lines: [
          { kind: 'text', description: 'Sports massage 60 min', quantity: 1, unitPence: 5500 },
        ],
      },
      owner,
    ),
  )
  await ok(call(clinic.core, 'invoices.issue', { id: draft.id }, owner))
  await clinic.open(page, { as: 'owner', at: '#/money' })
  await expect(page.getByRole('heading', { level: 1, name: 'Money' })).toBeVisible()
  await expect(page.getByRole('row', { name: /INV-000001/ })).toContainText('£55.00')
  await snap(page, 'money-invoices')
  await expectAccessible(page)
  await page.getByRole('link', { name: 'INV-000001' }).click()
  await page.getByRole('button', { name: 'Credit note…' }).click()
  const form = page.getByRole('form', { name: 'Credit note' })
  // From the user trial: amounts in £, and a too-short reason refused in words beside it.
  await expect(form.getByText('Up to £55.00 of £55.00 can be credited')).toBeVisible()
  await form.getByLabel('Amount to credit (£)').fill('60')
  await form.getByLabel('Reason').fill('no')
  await form.getByRole('button', { name: 'Issue credit note' }).click()
  await expect(form.getByText('At most £55.00', { exact: true })).toBeVisible()
  await expect(form.getByText('Give a reason (3 characters or more)')).toBeVisible()
  await snap(page, 'money-credit-note-form')
  await form.getByLabel('Amount to credit (£)').fill('20')
  await form.getByLabel('Reason').fill('Session cut short')
  await form.getByRole('button', { name: 'Issue credit note' }).click()
  await expect(page.getByText(/CN-000001 · .* · £20\.00 · Session cut short/)).toBeVisible()
  await expect(page.getByRole('row', { name: /Balance due/ })).toContainText('£35.00')
  await snap(page, 'money-credit-note')
})

test('the owner cashes up and the day balances', async ({ page, clinic }) => {
  const { appointmentId } = await priyaHasArrived(clinic)
  const methods = await ok(call(clinic.core, 'money.methods', {}, owner))
  const id = (name: string) => methods.find((m) => m.name === name)!.id
  await ok(
    call(
      clinic.core,
      'invoices.checkout',
      {
        appointmentId,
        payments: [
          { methodId: id('Cash'), amountPence: 2000 },
          { methodId: id('Card'), amountPence: 3500 },
        ],
      },
      owner,
    ),
  )
  await clinic.open(page, { as: 'owner', at: '#/money/cash-up' })
  const form = page.getByRole('form', { name: 'Cash-up' })
  await expect(form.getByLabel('Day')).toHaveValue(today())
  await form.getByLabel('Cash float (£)').fill('100')
  await expect(form.getByRole('row', { name: /Cash/ })).toContainText('£120.00')
  await form.getByLabel('Counted Cash').fill('120.00')
  await form.getByLabel('Counted Card').fill('35')
  await expect(form.getByRole('row', { name: /Card/ })).toContainText('Balanced')
  await form.getByRole('button', { name: 'Record cash-up' }).click()
  await expect(
    page.getByText(/float £100\.00 · Card £35\.00, Cash £120\.00 · Balanced/),
  ).toBeVisible()
  await snap(page, 'money-cash-up')
  await expectAccessible(page)
})

test('a gift voucher is sold, then half redeemed at checkout', async ({ page, clinic }) => {
  await priyaHasArrived(clinic)
  await clinic.open(page, { as: 'reception', at: '#/money/vouchers' })
  const sellForm = page.getByRole('form', { name: 'Sell a gift voucher' })
  await sellForm.getByLabel('Bought by').fill('Tom Reed')
  await expect(sellForm.getByText('07922 123456')).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(sellForm.getByText('Bought by Tom Reed')).toBeVisible()
  await sellForm.getByLabel('Value (£)').fill('50')
  await sellForm.getByLabel('For (name on the voucher)').fill('Priya Shah')
  await sellForm.getByRole('button', { name: 'Sell voucher' }).click()
  await expect(sellForm.getByRole('status')).toContainText(
    /Sold GV-\w{4}-\w{4} for £50\.00 \(INV-000001\)/,
  )
  const { code } = await clinic.core.db
    .selectFrom('gift_vouchers')
    .select('code')
    .executeTakeFirstOrThrow()

  await page.goto(`${clinic.url}#/diary`)
  await page.locator('.rbc-event', { hasText: 'Priya Shah' }).click()
  await page.getByRole('button', { name: 'Take payment · £55.00' }).click()
  const pay = page.getByRole('dialog', { name: 'Take payment · Priya Shah' })
  await expect(pay.getByLabel('Amount (£)')).toBeFocused()
  await page.keyboard.type('25')
  await page.keyboard.press('Shift+Tab')
  await pay.getByLabel('Method', { exact: true }).selectOption({ label: 'Gift voucher' })
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await expect(pay.getByLabel('Voucher code')).toBeFocused()
  await page.keyboard.type(code.toLowerCase())
  await page.keyboard.press('Alt+s')
  await expect(pay.getByLabel('Amount 2 (£)')).toHaveValue('30.00')
  await snap(page, 'money-voucher-redeem')
  await page.keyboard.press('Enter')
  await expect(pay.getByRole('status')).toHaveText(
    'Paid · INV-000002 · Gift voucher £25.00 + Card £30.00',
  )
  await page.keyboard.press('Enter')
  await page.keyboard.press('Escape')

  await page.goto(`${clinic.url}#/money/vouchers`)
  await expect(page.getByRole('heading', { name: 'Vouchers · £25.00 unredeemed' })).toBeVisible()
  await expect(page.getByRole('row', { name: new RegExp(code) })).toContainText('£25.00')
  await snap(page, 'money-vouchers')
  await expectAccessible(page)
})
