import { resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aClient } from '../fixtures/clients'
import { pdfTextOf } from '../fixtures/pdf-text'
import { aService, aTherapist, at, openEveryDay } from '../fixtures/diary'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

const reception = aSession('reception')
const OUT = resolve('test-results/day-sheet-pdf')

let core: Awaited<ReturnType<typeof openTempCore>>

beforeEach(async () => {
  const now = new Date('2026-03-01T12:00:00Z')
  core = await openTempCore({ now: () => now })
})
afterEach(async () => {
  await core.dispose()
})

/** The PDF's text, keeping the layout of the rows; page 1 as test-results/day-sheet-pdf/<name>-1.png. */
function pdfText(base64: string, name: string): string {
  return pdfTextOf(Buffer.from(base64, 'base64'), OUT, name)
}

describe('the day sheet as a PDF', () => {
  it("lists each therapist's day: time, client, service, alerts and phone", async () => {
    const massage = await aService('Sports massage 60 min').lasting(60).in(core)
    const assessment = await aService('Initial assessment 45 min').lasting(45).in(core)
    const sam = await aTherapist('Sam Patel')
      .working(['Tue'], '08:00-20:00')
      .offering(massage, assessment)
      .in(core)
    const jo = await aTherapist('Jo Clarke')
      .working(['Tue', 'Wed'], '08:00-20:00')
      .offering(massage)
      .in(core)
    await openEveryDay(core)
    const priya = await aClient()
      .named('Priya', 'Shah')
      .withMobile('07911 123456')
      .withAlert('DVT history')
      .in(core)
    const tom = await aClient().named('Tom', 'Reed').withMobile('07922 654321').in(core)
    for (const [clientId, serviceId, therapistId, local] of [
      [priya.id, massage.id, sam.id, '2026-03-03 09:00'],
      [tom.id, assessment.id, sam.id, '2026-03-03 14:15'],
      [tom.id, massage.id, jo.id, '2026-03-04 10:00'], // the next day: not on this sheet
    ] as const) {
      const r = await call(
        core,
        'diary.book',
        { clientId, serviceId, therapistId, startsAt: at(local) },
        reception,
      )
      if (!r.ok) throw new Error(r.error.message)
    }

    const r = await call(core, 'diary.daySheetPdf', { date: '2026-03-03' }, reception)
    if (!r.ok) throw new Error(r.error.message)
    expect(r.value.filename).toBe('day-sheet-2026-03-03.pdf')
    expect(Buffer.from(r.value.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-')
    const text = pdfText(r.value.base64, 'all')
    expect(text).toContain('Tuesday 3 March 2026')
    const lines = text.split('\n')
    const row = (needle: string) => lines.find((l) => l.includes(needle)) ?? ''
    expect(row('Priya Shah')).toMatch(
      /09:00-10:00\s+Priya Shah\s+Sports massage 60 min\s+07911 123456\s+Booked\s+! DVT history/,
    )
    expect(row('Tom Reed')).toMatch(
      /14:15-15:00\s+Tom Reed\s+Initial assessment 45 min\s+07922 654321\s+Booked/,
    )
    expect(text).toContain('Sam Patel')
    expect(text).toMatch(/Jo Clarke\s+No bookings\./)
    expect(text).not.toContain('10:00-11:00')

    const audit = await core.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', '=', 'diary.daySheetPdf')
      .execute()
    expect(audit).toEqual([
      {
        action: 'diary.daySheetPdf',
        summary: 'Exported the day sheet for 2026-03-03 (2 appointments) to PDF',
      },
    ])

    const one = await call(
      core,
      'diary.daySheetPdf',
      { date: '2026-03-03', therapistId: jo.id },
      reception,
    )
    expect(one.ok && one.value.filename).toBe('day-sheet-2026-03-03-Jo-Clarke.pdf')
  })

  it('refuses a date that is not a date, next to the field', async () => {
    const r = await call(core, 'diary.daySheetPdf', { date: '3rd March' }, reception)
    expect(r.ok || r.error).toMatchObject({
      code: 'invalid_input',
      fieldErrors: [{ path: 'date', message: 'Enter a date' }, { path: 'date' }],
    })
  })
})
