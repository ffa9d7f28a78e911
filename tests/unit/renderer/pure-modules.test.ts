import { describe, expect, it } from 'vitest'
import {
  clearBookingDraft,
  emptyDraft,
  readBookingDraft,
  writeBookingDraft,
} from '../../../src/renderer/src/features/diary/booking-draft'
import { fetchRange, step } from '../../../src/renderer/src/features/diary/visible-range'
import {
  formatPence,
  formatRanges,
  parseRanges,
} from '../../../src/renderer/src/features/setup/time-ranges'
import {
  EMPTY_CLIENT,
  clientFormSchema,
  isoToUkDate,
  ukDateToIso,
} from '../../../src/renderer/src/features/clients/client-form-schema'

const ymd = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`

describe('the booking draft', () => {
  it('is kept in memory until cleared', () => {
    clearBookingDraft()
    expect(readBookingDraft()).toBeNull()
    const d = { ...emptyDraft('2026-06-17'), query: 'Priya' }
    writeBookingDraft(d)
    expect(readBookingDraft()).toBe(d)
    clearBookingDraft()
    expect(readBookingDraft()).toBeNull()
  })
})

describe('the visible range', () => {
  const wed = new Date(2026, 5, 17, 10, 0)
  it('fetches Monday to Monday for the day and week views', () => {
    for (const view of ['day', 'week'] as const) {
      const r = fetchRange(view, wed)
      expect([ymd(r.from), ymd(r.to)]).toEqual(['2026-06-15', '2026-06-22'])
    }
  })
  it('fetches the whole weeks a month shows, and 30 days for the agenda', () => {
    const m = fetchRange('month', wed)
    expect([ymd(m.from), ymd(m.to)]).toEqual(['2026-06-01', '2026-07-06'])
    const a = fetchRange('agenda', wed)
    expect([ymd(a.from), ymd(a.to)]).toEqual(['2026-06-17', '2026-07-17'])
  })
  it('steps by a day, week, month or 30 days', () => {
    expect(ymd(step('day', wed, -1))).toBe('2026-06-16')
    expect(ymd(step('week', wed, 1))).toBe('2026-06-24')
    expect(ymd(step('month', wed, 1))).toBe('2026-07-17')
    expect(ymd(step('agenda', wed, 1))).toBe('2026-07-17')
  })
})

describe('typed working hours', () => {
  it('reads ranges as people type them', () => {
    expect(parseRanges('9:00-13:00, 14.00 – 20:00', 3)).toEqual({
      ranges: [
        { weekday: 3, starts: '09:00', ends: '13:00' },
        { weekday: 3, starts: '14:00', ends: '20:00' },
      ],
      error: null,
    })
    expect(formatRanges(parseRanges('09:00-13:00', 1).ranges, 1)).toBe('09:00-13:00')
  })
  it('refuses a range that ends first, off the quarter hour, or is not a range', () => {
    expect(parseRanges('20:00-08:00', 1).error).toBe('20:00-08:00 ends before it starts')
    expect(parseRanges('09:10-10:00', 1).error).toBe('Use quarter hours (:00, :15, :30, :45)')
    expect(parseRanges('mornings', 1).error).toMatch(/^Write times like/)
  })
  it('shows pence as pounds', () => {
    expect(formatPence(4500)).toBe('£45.00')
    expect(formatPence(5)).toBe('£0.05')
  })
})

describe('the client form schema', () => {
  it('turns dd/mm/yyyy into ISO and back', () => {
    expect(ukDateToIso('3/4/1988')).toBe('1988-04-03')
    expect(ukDateToIso('03.04.1988')).toBe('1988-04-03')
    expect(isoToUkDate('1988-04-03')).toBe('03/04/1988')
    expect(isoToUkDate('')).toBe('')
  })
  it('needs a first and last name, and splits tags on commas', () => {
    const missing = clientFormSchema.safeParse(EMPTY_CLIENT)
    expect(missing.success).toBe(false)
    const ok = clientFormSchema.safeParse({
      ...EMPTY_CLIENT,
      firstName: 'Sally',
      lastName: 'Jones',
      mobile: '07911 123456',
      tags: 'runner, club ,',
    })
    expect(ok.success && ok.data.tags).toEqual(['runner', 'club'])
  })
})
