// Issue 15 with each desk a `serve:web --join` process: reception at desk A, a therapist at
// desk B, one host. A booking at A reaches B within a second; B writes and signs a note; the
// host goes away (stopped, its file closed) while B types: banner, typing kept on the desk,
// A prints the day sheet it last had; the host comes back and B's typing is saved.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { openCore, type PlinthCore } from '../../src/main/app-core'
import { utcToZoned, zonedToUtc } from '../../src/main/services/diary/clinic-clock'
import { silentLogger } from '../../src/main/log'
import { emptyContent, linkAccount } from '../fixtures/notes'
import { aStaffMember } from '../fixtures/staff'
import { aSession, call } from '../fixtures/temp-core'
import { freePort } from '../fixtures/host-process'
import { clinicNow, pinBrowserClock } from './clinic-clock'
import { signInAt, startDeskProcess, type DeskProcess } from './desk-process'
import { expect, snap, test } from './fixtures'
import { aSmallClinic, at, today } from './small-clinic'
import { testKey } from '../fixtures/test-key'

const TZ = 'Europe/London'
const owner = aSession('owner')

const openHost = (file: string) =>
  openCore({
    file,
    key: testKey,
    log: silentLogger,
    now: () => new Date(clinicNow()),
    deskBindAddress: '127.0.0.1',
  })

/** The clinic: Sam Patel (with a staff account) saw Priya Shah at 07:00 today. */
async function seed(core: PlinthCore) {
  const clinic = await aSmallClinic(core, { opens: '07:00', closes: '21:00' })
  const sam = await aStaffMember(core.db, 'therapist', {
    username: 'sam',
    displayName: 'Sam Patel',
  })
  await linkAccount(core, sam.userId, clinic.samId)
  await aStaffMember(core.db, 'reception', { username: 'rita', displayName: 'Rita' })
  const local = utcToZoned(clinicNow(), TZ)
  const seen = await call(
    core,
    'diary.book',
    {
      clientId: clinic.priya,
      serviceId: clinic.serviceId,
      therapistId: clinic.samId,
      startsAt: new Date(zonedToUtc(local.date, 7 * 60, TZ)).toISOString(),
      override: { reason: 'set up for the test' },
      confirmPast: true,
    },
    owner,
  )
  if (!seen.ok) throw new Error(seen.error.message)
  return { ...clinic, appointmentId: seen.value.id, sam }
}

/** A desk process paired with a fresh code, on the tests' clock. */
const aDesk = (core: PlinthCore, port: number, name: string, keepDir: string) =>
  startDeskProcess({
    hostUrl: `https://127.0.0.1:${port}`,
    code: core.deskHost.codes.issue().code,
    name,
    keepDir,
    clockOffsetMs: clinicNow() - Date.now(),
  })

async function deskPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' })
  const page = await context.newPage()
  await page.addInitScript(pinBrowserClock, clinicNow() - Date.now())
  // Printing opens no dialog here; count the requests instead.
  await page.addInitScript(() => {
    const page = globalThis as unknown as { printed: number; print: () => void }
    page.printed = 0
    page.print = () => {
      page.printed += 1
    }
  })
  await page.goto(url)
  return page
}

test('two desks on one host: a booking crosses in a second, a note is signed, and typing survives the host going away', async ({
  browser,
}) => {
  test.setTimeout(240_000)
  const dir = mkdtempSync(join(tmpdir(), 'plinth-e2e-desks-'))
  const file = join(dir, 'clinic.sqlite')
  let core = await openHost(file)
  const clinic = await seed(core)
  const port = await freePort()
  await core.deskHost.start(port)
  const desks: DeskProcess[] = []
  try {
    const deskA = await aDesk(core, port, 'Reception', join(dir, 'desk-a'))
    desks.push(deskA)
    const deskB = await aDesk(core, port, 'Room 2', join(dir, 'desk-b'))
    desks.push(deskB)
    const pageA = await deskPage(browser, `${deskA.url}#/diary`)
    const pageB = await deskPage(browser, `${deskB.url}#/diary`)
    await signInAt(pageA, 'rita')
    await signInAt(pageB, 'sam')

    await test.step('a booking at A appears at B within 1 s', async () => {
      await expect(pageA.getByTestId('diary-calendar')).toHaveAttribute('data-state', 'ready')
      await expect(pageB.getByTestId('diary-calendar')).toHaveAttribute('data-state', 'ready')
      await pageB.waitForTimeout(500) // B's event stream opens after its first render
      const ten = pageA.locator('.rbc-day-slot').first().locator('.rbc-time-slot').nth(12)
      await ten.scrollIntoViewIfNeeded()
      const box = (await ten.boundingBox())!
      await pageA.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
      const dialog = pageA.getByRole('dialog', { name: 'New booking' })
      await dialog.getByLabel('Client').fill('Tom')
      await expect(dialog.getByRole('option', { name: /Tom Reed/ })).toBeVisible()
      await pageA.keyboard.press('Enter')
      await expect(dialog.locator('.booking-summary')).toContainText(/\d\d:\d\d with Sam Patel/)
      const time = /(\d\d:\d\d) with/.exec(
        await dialog.locator('.booking-summary').innerText(),
      )![1]!
      await dialog.getByRole('button', { name: 'Book', exact: true }).click()
      await expect(dialog).toBeHidden()
      const booked = Date.now()
      await expect(pageB.locator('.rbc-event', { hasText: 'Tom Reed' })).toBeVisible({
        timeout: 1000,
      })
      expect(Date.now() - booked).toBeLessThan(1000)
      await snap(pageA, 'desks-a-booked')
      await snap(pageB, 'desks-b-sees-booking')
      const row = await core.db
        .selectFrom('appointments')
        .select('starts_at')
        .where('client_id', '=', clinic.tom)
        .executeTakeFirstOrThrow()
      expect(row.starts_at).toBe(at(today(), time))
    })

    await test.step('B writes and signs a note', async () => {
      await pageB.goto(`${deskB.url}#/clients/${clinic.priya}/notes/new/${clinic.appointmentId}`)
      await pageB.getByRole('button', { name: /Follow-up \(SOAP\)/ }).click()
      await pageB.getByLabel('Subjective').fill('Right hamstring tight since Sunday’s 10k.')
      await pageB.getByLabel('Pain before (0–10)').fill('6')
      await expect(pageB.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible()
      await pageB.getByRole('button', { name: 'Sign note…' }).click()
      await pageB.getByRole('button', { name: 'Sign note now' }).click()
      await expect(pageB.getByText(/Signed by Sam Patel/)).toBeVisible()
      await snap(pageB, 'desks-b-signed-note')
      const note = await core.db
        .selectFrom('notes')
        .select(['signed_at', 'sections'])
        .where('appointment_id', '=', clinic.appointmentId)
        .executeTakeFirstOrThrow()
      expect(note.signed_at).not.toBeNull()
      expect(note.sections).toContain('hamstring')
      const audit = await call(core, 'audit.list', {} as never, owner)
      expect(JSON.stringify(audit)).toContain('Room 2')
    })

    await test.step('the host is stopped: banner, typing kept; when it is back, the note is saved', async () => {
      await pageB.goto(`${deskB.url}#/clients/${clinic.tom}/notes/new`)
      await pageB.getByRole('button', { name: /Follow-up \(SOAP\)/ }).click()
      const subjective = pageB.getByLabel('Subjective')
      await subjective.fill('Calves tight.')
      await expect(pageB.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible()
      // A has today's day sheet (with Tom at 10:00) as of now.
      await expect(pageA.locator('.rbc-event', { hasText: 'Tom Reed' })).toBeVisible()

      await core.close() // the host goes away: its desk link and its file closed
      const banner =
        'Host unreachable — your typing is kept on this desk and will be saved when it returns.'
      await expect(pageB.getByRole('alert').filter({ hasText: banner })).toBeVisible({
        timeout: 10_000,
      })
      await subjective.fill('Calves tight. Worse running downhill; eased with deep tissue.')
      await expect(
        pageB
          .getByRole('status')
          .filter({ hasText: 'kept on this desk, saved when the host is back' }),
      ).toBeVisible({ timeout: 10_000 })
      await snap(pageB, 'desks-b-host-away-typing-kept')
      // Kept on desk B, sealed: the typing is not in its file in the clear.
      const kept = readdirSync(join(dir, 'desk-b')).filter((f) => f.startsWith('desk-kept'))
      expect(kept).toEqual(['desk-kept-saves.bin'])
      expect(readFileSync(join(dir, 'desk-b', kept[0]!)).toString('latin1')).not.toContain(
        'downhill',
      )

      // A prints the day sheet it last had.
      const print = pageA.getByRole('button', {
        name: /^Print last day sheet \(as of \d\d:\d\d\)$/,
      })
      await expect(print).toBeVisible({ timeout: 10_000 })
      await snap(pageA, 'desks-a-host-away')
      await print.click()
      await expect(pageA.getByRole('heading', { level: 1, name: 'Day sheet' })).toBeVisible()
      await expect(pageA.getByRole('cell', { name: 'Tom Reed' })).toBeVisible()
      await expect
        .poll(() => pageA.evaluate(() => (globalThis as unknown as { printed: number }).printed))
        .toBe(1)
      await snap(pageA, 'desks-a-last-day-sheet')

      // Back, on the same file and port. Its sessions went with it: Sam signs in again, and
      // what desk B kept is saved before anything is read.
      core = await openHost(file)
      await core.deskHost.start(port)
      await expect(pageB.getByRole('alert').filter({ hasText: banner })).toBeHidden({
        timeout: 20_000,
      })
      await expect(pageB.getByLabel('Username')).toBeVisible({ timeout: 20_000 })
      await signInAt(pageB, 'sam')
      const saved = await core.db
        .selectFrom('notes')
        .select('sections')
        .where('client_id', '=', clinic.tom)
        .executeTakeFirstOrThrow()
      expect(JSON.parse(saved.sections)).toMatchObject({
        subjective: 'Calves tight. Worse running downhill; eased with deep tissue.',
      })
      await pageB.goto(`${deskB.url}#/clients/${clinic.tom}`)
      await pageB.getByRole('link', { name: /Follow-up \(SOAP\)/ }).click()
      await expect(pageB.getByLabel('Subjective')).toHaveValue(
        'Calves tight. Worse running downhill; eased with deep tissue.',
      )
      expect(readdirSync(join(dir, 'desk-b')).filter((f) => f.startsWith('desk-kept'))).toEqual([])
      await snap(pageB, 'desks-b-host-back-saved')
    })
  } finally {
    for (const desk of desks) await desk.stop()
    await core.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

test('typing kept on a desk while the note changed elsewhere is shown beside the saved version, and the therapist chooses', async ({
  browser,
}) => {
  test.setTimeout(180_000)
  const dir = mkdtempSync(join(tmpdir(), 'plinth-e2e-desks-'))
  const core = await openHost(join(dir, 'clinic.sqlite'))
  const clinic = await seed(core)
  const port = await freePort()
  await core.deskHost.start(port)
  let desk: DeskProcess | null = null
  try {
    desk = await aDesk(core, port, 'Room 2', join(dir, 'desk-b'))
    const page = await deskPage(browser, `${desk.url}#/clients/${clinic.tom}/notes/new`)
    await signInAt(page, 'sam')
    await page.goto(`${desk.url}#/clients/${clinic.tom}/notes/new`)
    await page.getByRole('button', { name: /Follow-up \(SOAP\)/ }).click()
    await page.getByLabel('Subjective').fill('Calves tight.')
    await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible()

    await core.deskHost.stop() // the desks lose the host; the file stays open
    await page.getByLabel('Subjective').fill('Desk version: calves tight, worse running downhill.')
    await expect(page.getByRole('status').filter({ hasText: 'Kept on this desk' })).toBeVisible({
      timeout: 10_000,
    })
    // Meanwhile Sam saves the same note from another screen on the host.
    const note = await core.db
      .selectFrom('notes')
      .select(['id', 'revision'])
      .where('client_id', '=', clinic.tom)
      .executeTakeFirstOrThrow()
    const elsewhere = await call(
      core,
      'notes.saveDraft',
      {
        id: note.id,
        baseRevision: note.revision,
        content: {
          ...emptyContent(),
          sections: { subjective: 'Host version: calves fine after the weekend.' },
        },
      },
      clinic.sam,
    )
    expect(elsewhere.ok).toBe(true)

    await core.deskHost.start(port)
    await expect(page.getByLabel('Username')).toBeVisible({ timeout: 20_000 })
    await signInAt(page, 'sam')
    // Not written over: the host keeps its version; the desk keeps Sam's and says so.
    const onHost = async () =>
      JSON.parse(
        (
          await core.db
            .selectFrom('notes')
            .select('sections')
            .where('id', '=', note.id)
            .executeTakeFirstOrThrow()
        ).sections,
      ) as { subjective: string }
    expect((await onHost()).subjective).toBe('Host version: calves fine after the weekend.')
    const notice = page.getByRole('alert').filter({ hasText: 'was not saved' })
    await expect(notice).toContainText('Tom Reed')
    await snap(page, 'desks-kept-conflict-notice')
    await notice.getByRole('link', { name: 'Compare the two versions' }).click()
    const versions = page.getByRole('table', { name: 'Where the two versions differ' })
    const row = versions.getByRole('row', { name: /Subjective/ })
    await expect(row).toContainText('Host version: calves fine after the weekend.')
    await expect(row).toContainText('Desk version: calves tight, worse running downhill.')
    await snap(page, 'desks-kept-conflict-both-versions')
    await page.getByRole('button', { name: 'Use the version kept on this desk' }).click()
    await expect(page.getByLabel('Subjective')).toHaveValue(
      'Desk version: calves tight, worse running downhill.',
    )
    await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible()
    await expect(versions).toBeHidden()
    expect((await onHost()).subjective).toBe('Desk version: calves tight, worse running downhill.')
    await snap(page, 'desks-kept-conflict-resolved')
  } finally {
    await desk?.stop()
    await core.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
