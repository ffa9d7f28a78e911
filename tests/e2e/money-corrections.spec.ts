import { expect, expectAccessible, snap, test } from './fixtures'
import { anInvoiceFor, priyaHasArrived, priyaPaidAtCheckout } from './money-helpers'

test('the owner refunds part of a payment to account credit', async ({ page, clinic }) => {
  const { invoiceId, m } = await priyaPaidAtCheckout(clinic, 'card')
  await clinic.open(page, { as: 'owner', at: `#/money/invoices/${invoiceId}` })
  const payments = page.getByRole('region', { name: 'Payments' })
  await payments.getByRole('button', { name: 'Refund the £55.00 Card payment' }).click()
  const form = page.getByRole('form', { name: 'Refund' })
  const amount = form.getByLabel('Amount to refund (£)')
  await expect(amount).toBeFocused()
  await expect(amount).toHaveValue('55.00')
  await expect(form.getByText('Up to £55.00 of this £55.00 payment')).toBeVisible()
  await page.keyboard.type('20')
  await form.getByLabel('To the client’s account credit').check()
  // From the user trial: a reason that is too short is refused next to the field, in words.
  await form.getByLabel('Reason').fill('no')
  await form.getByRole('button', { name: 'Refund £20.00' }).click()
  await expect(form.getByRole('alert')).toHaveText('Give a reason (3 characters or more)')
  await expect(form.getByLabel('Reason')).toHaveAttribute('aria-invalid', 'true')
  await snap(page, 'money-refund-form')
  await expectAccessible(page)
  await form.getByLabel('Reason').fill('Session cut short')
  await form.getByLabel('Reason').press('Enter')

  await expect(payments.getByRole('status')).toHaveText(
    'Refunded £20.00 to account credit. INV-000001 now has £20.00 due; account credit £20.00.',
  )
  await expect(
    payments.getByText(/Refund to account credit · -£20\.00 · “Session cut short”/),
  ).toBeVisible()
  await expect(page.getByRole('row', { name: /Balance due/ })).toContainText('£20.00')
  await expect(
    payments.getByRole('button', { name: 'Refund the £55.00 Card payment' }),
  ).toBeVisible()
  await snap(page, 'money-refund-done')
  const entries = await clinic.core.db
    .selectFrom('ledger_entries')
    .select(['kind', 'method_id', 'amount_pence', 'refund_of_id'])
    .orderBy('id')
    .execute()
  expect(entries.map((e) => [e.kind, e.method_id, e.amount_pence])).toEqual([
    ['payment', m.card, 5500],
    ['transfer', m.account_credit, -2000],
  ])
})

test('the owner reverses a mistaken entry: it stays, struck through, with the reversal beneath', async ({
  page,
  clinic,
}) => {
  const { invoiceId } = await priyaPaidAtCheckout(clinic, 'cash')
  await clinic.open(page, { as: 'owner', at: `#/money/invoices/${invoiceId}` })
  const payments = page.getByRole('region', { name: 'Payments' })
  await payments.getByRole('button', { name: 'Reverse Cash of £55.00' }).click()
  const form = page.getByRole('form', { name: 'Reverse' })
  await expect(form.getByLabel('Reason')).toBeFocused()
  await page.keyboard.type('Paid by card, not cash')
  await page.keyboard.press('Enter')
  await expect(payments.getByRole('status')).toHaveText(
    'Reversed £55.00 Cash. INV-000001 now has £55.00 due; account credit £0.00.',
  )
  const original = payments.getByRole('listitem').filter({ hasText: 'Reversed' }).first()
  await expect(original.locator('s')).toContainText('Cash · £55.00')
  await expect(original.getByRole('listitem')).toContainText(
    /Reversal · -£55\.00 · “Paid by card, not cash”/,
  )
  // Nothing to reverse twice: neither the original nor the reversal offers it.
  await expect(payments.getByRole('button', { name: /^Reverse/ })).toHaveCount(0)
  await snap(page, 'money-reversal')
  await expectAccessible(page)
})

test('reception pays two invoices with one payment', async ({ page, clinic }) => {
  const { priya } = await priyaHasArrived(clinic)
  await anInvoiceFor(clinic, priya, 5500)
  await anInvoiceFor(clinic, priya, 3000)
  await clinic.open(page, { as: 'reception', at: '#/money/outstanding' })
  await expect(page.getByText('1–2 of 2')).toBeVisible()
  // By keyboard: Space ticks, Tab moves on (past the invoice's link) to the next row.
  await page.getByRole('checkbox', { name: 'Pay INV-000001' }).focus()
  await page.keyboard.press('Space')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await expect(page.getByRole('checkbox', { name: 'Pay INV-000002' })).toBeFocused()
  await page.keyboard.press('Space')
  await expect(page.getByText('2 of Priya Shah’s invoices ticked')).toBeVisible()
  await snap(page, 'money-outstanding-ticked')
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Pay 2 invoices…' }).focus()
  await page.keyboard.press('Enter')

  const pay = page.getByRole('dialog', { name: 'Pay invoices · Priya Shah' })
  const amount = pay.getByLabel('Amount (£)')
  await expect(amount).toBeFocused()
  await expect(amount).toHaveValue('85.00')
  await page.keyboard.type('20')
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('ArrowDown')
  await expect(pay.getByLabel('Method', { exact: true }).locator('option:checked')).toHaveText(
    'Cash',
  )
  await page.keyboard.press('Alt+s')
  await expect(pay.getByLabel('Amount 2 (£)')).toBeFocused()
  await expect(pay.getByLabel('Amount 2 (£)')).toHaveValue('65.00')
  await page.keyboard.type('70')
  // The allocation, oldest first, before anything is taken; the £5 over goes to credit.
  const spread = pay.getByRole('table', { name: 'How this payment is spread' })
  await expect(spread.getByRole('row', { name: /INV-000001/ })).toContainText('£55.00£55.00Paid')
  await expect(spread.getByRole('row', { name: /INV-000002/ })).toContainText('£30.00£30.00Paid')
  await expect(pay.getByRole('status')).toHaveText('£5.00 more than is due goes to account credit')
  await snap(page, 'money-pay-invoices')
  await expectAccessible(page)
  await page.keyboard.press('Enter')

  await expect(pay.getByRole('status')).toHaveText(
    'Paid · INV-000001, INV-000002 · Cash £20.00 + Card £70.00 · £5.00 to account credit',
  )
  await expect(pay.getByRole('button', { name: 'Done' })).toBeFocused()
  await snap(page, 'money-pay-invoices-done')
  await page.keyboard.press('Enter')
  await expect(page.getByText('Nothing is owed.')).toBeVisible()
  // The client's account card says the same, and its history lists the four entries.
  await page.goto(`${clinic.url}#/clients/${priya}`)
  const account = page.getByRole('region', { name: 'Account' })
  await expect(account).toContainText('Owes £0.00 · Account credit £5.00')
  await expect(account.getByRole('button', { name: /Pay invoices/ })).toHaveCount(0)
  await account.getByText('Account history (4 entries)').click()
  await expect(account.getByText(/Card to account credit · £5\.00/)).toBeVisible()
  await snap(page, 'money-client-account')
  const entries = await clinic.core.db
    .selectFrom('ledger_entries as e')
    .innerJoin('payment_methods as m', 'm.id', 'e.method_id')
    .leftJoin('invoices as i', 'i.id', 'e.invoice_id')
    .select(['m.name', 'i.number', 'e.amount_pence'])
    .orderBy('e.id')
    .execute()
  expect(entries.map((e) => [e.name, e.number, e.amount_pence])).toEqual([
    ['Cash', 'INV-000001', 2000],
    ['Card', 'INV-000001', 3500],
    ['Card', 'INV-000002', 3000],
    ['Card', null, 500],
  ])
})
