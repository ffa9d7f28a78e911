import { test, expect, snap, expectAccessible } from './fixtures'
import { aSmallClinic } from './small-clinic'
import { startSmtpServer } from '../fixtures/smtp-test-server'

// Issue 16: the owner sets up e-mail against a real SMTP server on loopback and sends a test
// e-mail; reception books and sees the confirmation queued, then sent; the owner edits a
// template and previews it.

test('the owner sets up SMTP with STARTTLS and sends a test e-mail', async ({ page, clinic }) => {
  const smtp = await startSmtpServer()
  try {
    await clinic.open(page, { as: 'owner', at: '#/messages/settings' })
    await expect(page.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible()
    await page.getByLabel('Send e-mails').check()
    await page.getByLabel('Mail server').fill('127.0.0.1')
    await page.getByLabel('Port').fill(String(smtp.port))
    await page.getByLabel('Security').selectOption('starttls')
    await page.getByLabel('User name').fill(smtp.user)
    await page.getByLabel('Password').fill(smtp.password)
    await page.getByLabel('From name').fill('Riverside Clinic')
    await page.getByLabel('From address').fill('hello@riverside.example')
    await page.getByLabel('Trust this certificate (optional)').fill(smtp.certPem)
    await page.getByRole('button', { name: 'Save message settings' }).click()
    await expect(page.getByText('Saved', { exact: true })).toBeVisible()
    await expect(page.getByText('Stored, sealed. Leave empty to keep it').first()).toBeVisible()
    await page.getByLabel('Send it to').fill('owner@example.com')
    await page.getByRole('button', { name: 'Send test e-mail' }).click()
    await expect(page.getByText('Sent a test e-mail to owner@example.com.')).toBeVisible()
    expect(smtp.received).toHaveLength(1)
    expect(smtp.received[0]!.secure).toBe(true)
    expect(smtp.received[0]!.to).toEqual(['owner@example.com'])
    await expectAccessible(page)
    await snap(page, 'messages-smtp-settings')
  } finally {
    await smtp.close()
  }
})

test('reception books, and sees the confirmation queued and then sent', async ({
  page,
  clinic,
}) => {
  const smtp = await startSmtpServer()
  try {
    const { priya } = await aSmallClinic(clinic.core)
    await clinic.core.db
      .updateTable('clients')
      .set({ email: 'priya@example.com', message_channel: 'email' })
      .where('id', '=', priya)
      .execute()
    await clinic.core.db
      .updateTable('message_settings')
      .set({
        email_enabled: 1,
        smtp_host: '127.0.0.1',
        smtp_port: smtp.port,
        smtp_security: 'starttls',
        smtp_user: smtp.user,
        smtp_password_sealed: clinic.core.messages.box.seal(smtp.password),
        smtp_ca_pem: smtp.certPem,
        from_name: 'Riverside Clinic',
        from_address: 'hello@riverside.example',
      })
      .execute()
    await clinic.open(page, { as: 'reception', at: '#/diary' })
    await expect(page.getByTestId('diary-calendar')).toHaveAttribute('data-state', 'ready')
    const ten = page.locator('.rbc-day-slot').first().locator('.rbc-time-slot').nth(12)
    await ten.scrollIntoViewIfNeeded()
    const box = (await ten.boundingBox())!
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    const dialog = page.getByRole('dialog', { name: 'New booking' })
    await dialog.getByLabel('Client').fill('Priya')
    await expect(dialog.getByRole('option', { name: /Priya Shah/ })).toBeVisible()
    await page.keyboard.press('Enter')
    await dialog.getByRole('button', { name: 'Book', exact: true }).click()
    await expect(dialog).toBeHidden()

    // 07:30 is inside quiet hours (21:00–08:00): the confirmation waits for 08:00.
    await page.goto(`${clinic.url}#/messages/waiting`)
    const row = page.getByRole('row', { name: /Priya Shah.*Booking confirmation · E-mail/ })
    await expect(row).toContainText(`Queued for`)
    await expect(row).toContainText('08:00')
    await snap(page, 'messages-confirmation-queued')
    await row.getByRole('button', { name: /Send now: Booking confirmation/ }).click()
    await page.goto(`${clinic.url}#/messages/recent`)
    await expect(async () => {
      await page.reload()
      await expect(
        page.getByRole('row', { name: /Priya Shah.*Booking confirmation · E-mail/ }),
      ).toContainText('Sent', { timeout: 1000 })
    }).toPass({ timeout: 20_000 })
    expect(smtp.received.map((m) => m.to)).toEqual([['priya@example.com']])
    expect(smtp.received[0]!.raw).toContain('filename=appointment.ics')
    await expectAccessible(page)
    await snap(page, 'messages-confirmation-sent')
  } finally {
    await smtp.close()
  }
})

test('the owner edits a template and previews it, and a health placeholder is refused', async ({
  page,
  clinic,
}) => {
  await clinic.open(page, { as: 'owner', at: '#/messages/templates' })
  await page.getByLabel('Message', { exact: true }).selectOption('reminder')
  await page.getByLabel('Channel').selectOption('sms')
  const text = page.getByLabel('Text')
  await text.fill(
    'Hi {{firstName}} 👍 see you {{date}} at {{time}} with {{therapist}}. {{diagnosis}}',
  )
  await expect(
    page.getByText('{{diagnosis}} is refused: no health details go in a message.'),
  ).toBeVisible()
  await expect(page.getByRole('button', { name: 'Save template' })).toBeDisabled()
  await text.fill('Hi {{firstName}} 👍 see you {{date}} at {{time}} with {{therapist}}.')
  await expect(page.getByTestId('template-preview')).toHaveText(
    'Hi Priya 👍 see you Thursday 18 June 2026 at 09:00 with Sam Taylor.',
  )
  await expect(page.getByText(/UCS-2 · 1 segment/)).toBeVisible()
  await expect(page.getByText(/👍 make it UCS-2/)).toBeVisible()
  // Looking at the e-mail version and coming back keeps the edit, marked as not saved.
  await page.getByLabel('Channel').selectOption('email')
  await expect(page.getByLabel('Channel').locator('option:checked')).toHaveText('E-mail')
  await expect(page.getByLabel('Channel').locator('option', { hasText: 'SMS' })).toHaveText(
    'SMS (not saved)',
  )
  await page.getByLabel('Channel').selectOption('sms')
  await expect(text).toHaveValue(
    'Hi {{firstName}} 👍 see you {{date}} at {{time}} with {{therapist}}.',
  )
  await page.getByRole('button', { name: 'Save template' }).click()
  await expect(page.getByText('Template saved')).toBeVisible()
  const saved = await clinic.core.db
    .selectFrom('message_templates')
    .selectAll()
    .executeTakeFirstOrThrow()
  expect(saved).toMatchObject({ kind: 'reminder', channel: 'sms' })
  await expect(page.getByLabel('Channel').locator('option', { hasText: 'SMS' })).toHaveText('SMS')
  // The preview uses this clinic's own name, not a sample's.
  await text.fill('{{clinicName}}: see you {{date}}.')
  await expect(page.getByTestId('template-preview')).toHaveText(
    'My clinic: see you Thursday 18 June 2026.',
  )
  await expectAccessible(page)
  await snap(page, 'messages-template-preview')
})
