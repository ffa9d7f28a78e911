import { describe, expect, it } from 'vitest'
import { resolveRange } from '../../src/main/services/reports/range'
import { localDateReader } from '../../src/main/services/reports/report-kit'
import { utcToZoned } from '../../src/main/services/diary/clinic-clock'

const TZ = 'Europe/London'
const at = (iso: string) => new Date(iso)

describe('report range presets in the clinic time zone', () => {
  it('starts the UK tax year on 6 April: 5 April is still the year before', () => {
    const before = resolveRange({ preset: 'tax_year' }, at('2026-04-05T12:00:00Z'), TZ)
    expect(before.period).toMatchObject({ fromDate: '2025-04-06', toDate: '2026-04-05' })
    expect(before.previous).toMatchObject({ fromDate: '2024-04-06', toDate: '2025-04-05' })
    const on = resolveRange({ preset: 'tax_year' }, at('2026-04-06T00:30:00+01:00'), TZ)
    expect(on.period).toMatchObject({ fromDate: '2026-04-06', toDate: '2027-04-05' })
    const last = resolveRange({ preset: 'last_tax_year' }, at('2026-06-17T06:30:00Z'), TZ)
    expect(last.period).toMatchObject({ fromDate: '2025-04-06', toDate: '2026-04-05' })
  })

  it('takes today from the clinic clock, not UTC: 00:30 BST on 1 July is July', () => {
    const r = resolveRange({ preset: 'this_month' }, at('2026-06-30T23:30:00Z'), TZ)
    expect(r.period).toMatchObject({ fromDate: '2026-07-01', toDate: '2026-07-31' })
    expect(r.period.fromAt).toBe('2026-06-30T23:00:00.000Z')
    expect(r.previous).toMatchObject({ fromDate: '2026-06-01', toDate: '2026-06-30' })
  })

  it('makes the day the clocks go forward 23 hours long and the day they go back 25', () => {
    const spring = resolveRange({ preset: 'today' }, at('2026-03-29T12:00:00Z'), TZ).period
    expect(Date.parse(spring.toAt) - Date.parse(spring.fromAt)).toBe(23 * 3_600_000)
    const autumn = resolveRange({ preset: 'today' }, at('2026-10-25T12:00:00Z'), TZ).period
    expect(Date.parse(autumn.toAt) - Date.parse(autumn.fromAt)).toBe(25 * 3_600_000)
    expect(autumn.fromAt).toBe('2026-10-24T23:00:00.000Z')
    expect(autumn.toAt).toBe('2026-10-26T00:00:00.000Z')
  })

  it('starts weeks on Monday and quarters on the calendar quarter', () => {
    const now = at('2026-06-17T06:30:00Z') // Wednesday
    expect(resolveRange({ preset: 'this_week' }, now, TZ).period).toMatchObject({
      fromDate: '2026-06-15',
      toDate: '2026-06-21',
    })
    const q = resolveRange({ preset: 'this_quarter' }, now, TZ)
    expect(q.period).toMatchObject({ fromDate: '2026-04-01', toDate: '2026-06-30' })
    expect(q.previous).toMatchObject({ fromDate: '2026-01-01', toDate: '2026-03-31' })
    expect(
      resolveRange({ preset: 'last_month' }, at('2026-03-10T12:00:00Z'), TZ).period,
    ).toMatchObject({ fromDate: '2026-02-01', toDate: '2026-02-28' })
  })

  it('compares a custom range with the same number of days just before it', () => {
    const r = resolveRange(
      { preset: 'custom', from: '2026-03-01', to: '2026-03-10' },
      at('2026-06-17T06:30:00Z'),
      TZ,
    )
    expect(r.previous).toMatchObject({ fromDate: '2026-02-19', toDate: '2026-02-28' })
  })

  it('follows another zone when the clinic is elsewhere', () => {
    const r = resolveRange({ preset: 'today' }, at('2026-06-17T02:00:00Z'), 'America/New_York')
    expect(r.period.fromDate).toBe('2026-06-16')
    expect(r.period.fromAt).toBe('2026-06-16T04:00:00.000Z')
  })
})

describe('reading clinic-local dates of many instants (localDateReader)', () => {
  it('agrees with utcToZoned every 7 minutes across both 2026 clock changes, in order and not', () => {
    for (const timeZone of [TZ, 'Asia/Kolkata', 'America/St_Johns', 'Australia/Lord_Howe']) {
      const read = localDateReader(timeZone)
      const instants: string[] = []
      for (const [from, to] of [
        ['2026-03-27T20:00:00Z', '2026-03-30T04:00:00Z'],
        ['2026-10-23T20:00:00Z', '2026-10-26T04:00:00Z'],
        ['2026-04-03T12:00:00Z', '2026-04-06T12:00:00Z'],
      ] as const) {
        for (let t = Date.parse(from); t < Date.parse(to); t += 7 * 60_000)
          instants.push(new Date(t).toISOString())
      }
      // In order, then shuffled by a fixed stride (the reader must not assume the order).
      const shuffled = instants.map((_, i) => instants[(i * 7919) % instants.length]!)
      for (const iso of [...instants, ...shuffled])
        expect(read(iso), `${timeZone} ${iso}`).toBe(utcToZoned(Date.parse(iso), timeZone).date)
    }
  })

  it('puts 23:30 UTC on 28 March 2026 (GMT) on the 28th and 23:00 UTC on the 29th (BST) on the 30th', () => {
    const read = localDateReader(TZ)
    expect(read('2026-03-28T23:30:00.000Z')).toBe('2026-03-28')
    expect(read('2026-03-29T22:59:59.999Z')).toBe('2026-03-29')
    expect(read('2026-03-29T23:00:00.000Z')).toBe('2026-03-30')
  })
})
