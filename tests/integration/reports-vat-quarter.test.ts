import { afterEach, describe, expect, it } from 'vitest'
import { localToUtc, seedReportClinic, type World } from '../fixtures/report-clinic'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

// The VAT summary "for a chosen VAT quarter" (issue 14) through the router: the owner picks a
// quarter on the clinic's stagger, and the output VAT is the brute-force sum of the invoice
// lines whose tax point is in the quarter, less credit notes issued in it on the clinic's
// calendar (Europe/London: a credit note at 00:30 BST on 1 April is April's).

const owner = aSession('owner')
let core: Awaited<ReturnType<typeof openTempCore>>
afterEach(async () => {
  await core?.dispose()
})

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0)

function bruteVat(w: World, from: string, to: string) {
  const lines = w.invoices.filter((i) => i.taxPoint >= from && i.taxPoint <= to)
  const notes = w.creditNotes.filter(
    (c) => c.issuedAt >= localToUtc(from, 0) && c.issuedAt < localToUtc(nextDay(to), 0),
  )
  return sum(lines.flatMap((i) => i.lines).map((l) => l.vat)) - sum(notes.map((c) => c.vat))
}
const nextDay = (d: string) =>
  new Date(Date.parse(`${d}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

async function vatFor(quarter: string) {
  const r = await call(
    core,
    'reports.get',
    { report: 'vat', range: { preset: 'vat_quarter', quarter } },
    owner,
  )
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

describe('the VAT summary for a chosen VAT quarter', () => {
  it('sums each quarter on the stagger the owner set, credit notes by the clinic’s calendar', async () => {
    core = await openTempCore({ now: () => new Date('2026-06-17T06:30:00Z') })
    const w = seedReportClinic(core, 7, '2026-02-01', '2026-05-31')
    // A credit note with VAT half an hour into 1 April, British Summer Time.
    const inv = w.invoices.find((i) => i.taxPoint < '2026-03-31')!
    const late = core.sqlite
      .prepare(
        `INSERT INTO credit_notes (invoice_id, client_id, number_seq, number, issued_at, reason, net_pence, vat_pence, gross_pence) VALUES (?, ?, 9001, 'CN-9001', '2026-03-31T23:30:00.000Z', 'Goodwill', 500, 100, 600) RETURNING id`,
      )
      .get(inv.id, inv.clientId) as { id: number }
    w.creditNotes.push({
      id: late.id,
      invoiceId: inv.id,
      clientId: inv.clientId,
      issuedAt: '2026-03-31T23:30:00.000Z',
      net: 500,
      vat: 100,
      gross: 600,
    })
    const quarters: [string, string, string][] = [
      ['2026-03', '2026-01-01', '2026-03-31'],
      ['2026-06', '2026-04-01', '2026-06-30'],
    ]
    for (const [end, from, to] of quarters) {
      const r = await vatFor(end)
      expect(r.period, end).toMatchObject({ fromDate: from, toDate: to })
      expect(r.figures.find((f) => f.id === 'output-vat')!.value, end).toBe(bruteVat(w, from, to))
    }
    const april = (await vatFor('2026-06')).tables[0]!.rows.find(
      (row) => row['rate'] === 'Less credit notes',
    )!
    expect(Number(april['vat'])).toBeLessThanOrEqual(-100)
    // Stagger 2: quarters end in April, so February–April holds both sides of 1 April.
    const set = await call(
      core,
      'reports.updateSettings',
      {
        rebookWindowDays: 30,
        therapistsSeeOwn: false,
        commissionBasis: 'received',
        recallWeeks: 12,
        vatStagger: 2,
      },
      owner,
    )
    expect(set.ok && set.value.vatStagger).toBe(2)
    const feb = await vatFor('2026-04')
    expect(feb.period).toMatchObject({ fromDate: '2026-02-01', toDate: '2026-04-30' })
    expect(feb.previous).toMatchObject({ fromDate: '2025-11-01', toDate: '2026-01-31' })
    expect(feb.figures[0]!.value).toBe(bruteVat(w, '2026-02-01', '2026-04-30'))
  })

  it('asks for a quarter by field when none or a malformed one is given', async () => {
    core = await openTempCore({ now: () => new Date('2026-06-17T06:30:00Z') })
    for (const range of [
      { preset: 'vat_quarter' },
      { preset: 'vat_quarter', quarter: '2026-13' },
      { preset: 'vat_quarter', quarter: 'June 2026' },
    ]) {
      const r = await call(core, 'reports.get', { report: 'vat', range } as never, owner)
      expect(r.ok ? null : r.error.fieldErrors, JSON.stringify(range)).toEqual([
        { path: 'range.quarter', message: 'Choose a VAT quarter' },
      ])
    }
    const bad = await call(
      core,
      'reports.updateSettings',
      {
        rebookWindowDays: 30,
        therapistsSeeOwn: false,
        commissionBasis: 'received',
        recallWeeks: 12,
        vatStagger: 4,
      } as never,
      owner,
    )
    expect(bad.ok ? null : bad.error.code).toBe('invalid_input')
  })
})
