import { afterEach, expect, it } from 'vitest'
import { seedReportClinic } from '../fixtures/report-clinic'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

// Report CSVs go through csvCell (issue 14): a name that is a formula stays text, and money
// stays a number a spreadsheet can sum, refunds' minus signs included.

const NOW = new Date('2026-05-15T12:00:00.000Z')
const owner = aSession('owner')
const range = { preset: 'custom' as const, from: '2026-03-01', to: '2026-04-30' }
let core: Awaited<ReturnType<typeof openTempCore>>
afterEach(async () => {
  await core?.dispose()
})

it('exports the rows behind a figure with formulas neutralised and amounts as numbers', async () => {
  core = await openTempCore({ now: () => NOW })
  const w = seedReportClinic(core, 29, range.from, range.to)
  const dna = w.appointments.find(
    (a) => a.status === 'no_show' && a.startsAt >= '2026-03-01' && a.startsAt < '2026-04-30',
  )!
  await core.db
    .updateTable('clients')
    .set({ first_name: '=HYPERLINK("http://evil")', last_name: '' })
    .where('id', '=', dna.clientId)
    .execute()
  const file = await call(
    core,
    'reports.exportCsv',
    { report: 'appointments', range, figure: 'dna' },
    owner,
  )
  if (!file.ok) throw new Error(file.error.message)
  expect(file.value.fileName).toBe('plinth-appointments-dna-2026-03-01_2026-04-30.csv')
  const lines = file.value.csv.split('\r\n')
  expect(lines[0]).toBe('Starts,Client,Therapist,Service,Outcome')
  expect(lines.some((l) => l.includes(`"'=HYPERLINK(""http://evil"")"`))).toBe(true)
  expect(lines.some((l) => l.includes(',=HYPERLINK'))).toBe(false)

  const net = await call(
    core,
    'reports.exportCsv',
    { report: 'takings', range, figure: 'net' },
    owner,
  )
  if (!net.ok) throw new Error(net.error.message)
  const rows = net.value.csv.trim().split('\r\n').slice(1)
  const refunds = rows.filter((l) => l.includes(',refund,'))
  expect(refunds.length).toBeGreaterThan(0)
  for (const l of refunds) expect(l).toMatch(/,-\d+(\.\d+)?$/)
  const summary = await call(core, 'reports.exportCsv', { report: 'takings', range }, owner)
  if (!summary.ok) throw new Error(summary.error.message)
  expect(summary.value.csv.split('\r\n')[0]).toBe('Figure,Value,Previous period,Unit,Definition')
  expect(summary.value.csv).toMatch(/\r\nReceived,\d+(\.\d+)?,\d+(\.\d+)?,£,"Money received/)
})
