import type { Page } from '@playwright/test'
import { TEST_PASSWORD } from '../fixtures/staff'
import { aSession, call } from '../fixtures/temp-core'
import { expect, expectAccessible, snap, test } from './fixtures'
import { aSmallClinic, at } from './small-clinic'

const owner = aSession('owner')

/** Waits until main has the client's latest typing (the draft is saved a moment after it). */
const draftSaved = (page: Page) =>
  page.waitForResponse(
    (r) => r.request().postData()?.includes('"handover.saveDraft"') === true && r.ok(),
  )

test('a therapist hands PSFS to the client, who fills it in and reaches nothing else; the therapist takes it back', async ({
  page,
  clinic,
}) => {
  test.setTimeout(120_000)
  const { serviceId, samId, priya } = await aSmallClinic(clinic.core)
  const booked = await call(
    clinic.core,
    'diary.book',
    {
      clientId: priya,
      serviceId,
      therapistId: samId,
      startsAt: at('2026-06-16', '10:00'),
      confirmPast: true,
    },
    owner,
  )
  if (!booked.ok) throw new Error(booked.error.message)
  await clinic.open(page, { as: 'therapist', at: '#/diary' })
  const noteUrl = `${clinic.url}#/clients/${priya}/notes/new/${booked.value.id}`
  await page.goto(noteUrl)
  await page.getByRole('button', { name: /Follow-up \(SOAP\)/ }).click()
  const measures = page.getByRole('region', { name: 'Measures' })
  await expect(measures.getByLabel('Form for the client')).toHaveValue('psfs')
  await measures.getByRole('button', { name: 'Hand to client' }).click()

  // The client's screen: the form alone, greeting them by first name.
  const heading = page.getByRole('heading', { level: 1 })
  await expect(heading).toHaveText('Hello Priya — Activities you find hard')
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0)
  await expect(page.getByText('Shah')).toHaveCount(0)
  await expectAccessible(page)

  // Keyboard path: type the activity, Tab into the 0–10 row, arrows to 4.
  await page.getByLabel('Activity 1', { exact: true }).fill('Run 10 km')
  const saved = draftSaved(page)
  await page.keyboard.press('Tab')
  await page.keyboard.press('ArrowRight') // the first arrow press checks 1 from an unchecked group
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight')
  const scores1 = page.getByRole('group', { name: /How well can you do activity 1 today/ })
  await expect(scores1.getByRole('radio', { name: '4', exact: true })).toBeChecked()
  await saved

  // A second activity named but not scored: the error is beside its question.
  await page.getByRole('button', { name: 'Add another activity' }).click()
  await page.getByLabel('Activity 2', { exact: true }).fill('Stairs after a long run')
  await page.getByRole('button', { name: 'Send my answers' }).click()
  const scores2 = page.getByRole('group', { name: /How well can you do activity 2 today/ })
  await expect(scores2.getByText('Please choose an answer')).toBeVisible()
  await expect(scores2.getByRole('radio', { name: '0', exact: true })).toBeFocused()
  await snap(page, 'handover-client-form-error')

  // Typed addresses and a crafted call go nowhere; a reload keeps what was typed.
  const lastDraft = draftSaved(page)
  await scores2.getByRole('radio', { name: '6', exact: true }).check()
  // Answered, the question's error goes at once, without pressing Send again.
  await expect(scores2.getByText('Please choose an answer')).toHaveCount(0)
  await expect(page.getByText(/needs? looking at/)).toHaveCount(0)
  await lastDraft
  for (const hash of ['#/settings', `#/clients/${priya}`, '#/audit', '#/diary']) {
    await page.goto(`${clinic.url}${hash}`)
    await expect(heading).toHaveText('Hello Priya — Activities you find hard')
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0)
  }
  await page.reload()
  await expect(page.getByLabel('Activity 1', { exact: true })).toHaveValue('Run 10 km')
  await expect(page.getByLabel('Activity 2', { exact: true })).toHaveValue(
    'Stairs after a long run',
  )
  await expect(scores2.getByRole('radio', { name: '6', exact: true })).toBeChecked()
  const crafted = await page.evaluate(() =>
    (
      globalThis as unknown as { plinth: { invoke(m: string, i: unknown): Promise<unknown> } }
    ).plinth.invoke('clients.get', { id: 1 }),
  )
  expect(crafted).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  await snap(page, 'handover-client-form')

  await page.getByRole('button', { name: 'Send my answers' }).click()
  await expect(heading).toHaveText('Thank you — please hand the tablet back')
  await expect(heading).toBeFocused()
  await snap(page, 'handover-thank-you')

  // Taking it back: a wrong password is refused beside the field, then the right one.
  await page.getByRole('button', { name: 'Staff: take the tablet back' }).click()
  await page.getByLabel('Staff password').fill('not my password')
  await page.getByRole('button', { name: 'Take the tablet back' }).click()
  await expect(page.getByText('That password is not right.')).toBeVisible()
  await expect(page.getByLabel('Staff password')).toBeFocused()
  await page.getByLabel('Staff password').fill(TEST_PASSWORD)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Measures' })).toBeVisible()

  // The client's scores are in the progress chart.
  await page.goto(`${clinic.url}#/clients/${priya}`)
  const card = page.getByRole('region', { name: 'Progress' })
  await card.getByRole('button', { name: 'Show measures' }).click()
  await expect(card.getByText('Run 10 km: 4 out of 10 on 17 Jun 2026.')).toBeVisible()
  await expect(card.getByText('Stairs after a long run: 6 out of 10 on 17 Jun 2026.')).toBeVisible()
  await expect(card.getByRole('img', { name: 'PSFS: Run 10 km' })).toBeVisible()
  await snap(page, 'handover-progress-after')
  const rows = await clinic.core.db
    .selectFrom('client_measures')
    .select(['source', 'kind'])
    .execute()
  expect(rows).toEqual([{ source: 'client', kind: 'psfs' }])
})
