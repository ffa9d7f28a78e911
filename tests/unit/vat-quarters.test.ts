import { describe, expect, it } from 'vitest'
import { resolveRange } from '../../src/main/services/reports/range'
import { vatQuarterEnding, vatQuartersUpTo } from '../../src/shared/reports/vat-quarters'

const TZ = 'Europe/London'
const NOW = new Date('2026-06-17T06:30:00Z')

describe('VAT quarters on the HMRC staggers', () => {
  it('offers calendar quarters on stagger 1, the one in progress first', () => {
    const q = vatQuartersUpTo(1, '2026-06-17', 4)
    expect(q.map((x) => [x.fromDate, x.toDate])).toEqual([
      ['2026-04-01', '2026-06-30'],
      ['2026-01-01', '2026-03-31'],
      ['2025-10-01', '2025-12-31'],
      ['2025-07-01', '2025-09-30'],
    ])
    expect(q[1]!.label).toBe('January–March 2026')
  })

  it('ends stagger 2 in April, July, October, January and stagger 3 in May, August, November, February', () => {
    expect(vatQuartersUpTo(2, '2026-06-17', 3).map((x) => x.end)).toEqual([
      '2026-07',
      '2026-04',
      '2026-01',
    ])
    expect(vatQuartersUpTo(3, '2026-06-17', 3).map((x) => x.end)).toEqual([
      '2026-08',
      '2026-05',
      '2026-02',
    ])
    // On a quarter's last day it is still the quarter in progress.
    expect(vatQuartersUpTo(2, '2026-04-30', 1)[0]!.end).toBe('2026-04')
    expect(vatQuartersUpTo(2, '2026-05-01', 1)[0]!.end).toBe('2026-07')
  })

  it('crosses the year and knows February in a leap year', () => {
    expect(vatQuarterEnding('2026-01')).toMatchObject({
      fromDate: '2025-11-01',
      toDate: '2026-01-31',
      label: 'November 2025 – January 2026',
    })
    expect(vatQuarterEnding('2028-02').toDate).toBe('2028-02-29')
    expect(vatQuarterEnding('2027-02').toDate).toBe('2027-02-28')
  })
})

describe('a VAT quarter as a report period in Europe/London', () => {
  it('runs from local midnight on the 1st to local midnight after the last day, the clocks changing inside', () => {
    // January–March 2026: GMT at both ends, though the clocks go forward on 29 March.
    const q1 = resolveRange({ preset: 'vat_quarter', quarter: '2026-03' }, NOW, TZ)
    expect(q1.period).toMatchObject({
      fromDate: '2026-01-01',
      toDate: '2026-03-31',
      fromAt: '2026-01-01T00:00:00.000Z',
      // 1 April 00:00 BST is 31 March 23:00 UTC: a sale at 23:30 UTC on 31 March is April's.
      toAt: '2026-03-31T23:00:00.000Z',
    })
    expect(q1.previous).toMatchObject({ fromDate: '2025-10-01', toDate: '2025-12-31' })
    // August–October 2026 (stagger 2): BST at the start, GMT at the end.
    const q = resolveRange({ preset: 'vat_quarter', quarter: '2026-10' }, NOW, TZ)
    expect(q.period.fromAt).toBe('2026-07-31T23:00:00.000Z')
    expect(q.period.toAt).toBe('2026-11-01T00:00:00.000Z')
    expect(q.previous).toMatchObject({ fromDate: '2026-05-01', toDate: '2026-07-31' })
  })

  it('takes the quarter asked for whatever today is (a return filed late)', () => {
    const r = resolveRange({ preset: 'vat_quarter', quarter: '2024-12' }, NOW, TZ)
    expect(r.period).toMatchObject({ fromDate: '2024-10-01', toDate: '2024-12-31' })
    expect(r.period.label).toBe('1 October – 31 December 2024')
  })
})
