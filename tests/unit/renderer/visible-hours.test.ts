import { describe, expect, it } from 'vitest'
import { visibleHours } from '../../../src/renderer/src/features/diary/visible-range'

const open8to20 = [1, 2, 3, 4, 5].map(() => ({ opens: '08:00', closes: '20:00' }))
const b = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) })
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
const shown = (bookings: { start: Date; end: Date }[], opening = open8to20) => {
  const { from, to } = visibleHours(opening, bookings)
  return `${hhmm(from)}–${hhmm(to)}`
}

describe('the hours the diary shows', () => {
  it('runs from an hour before opening to the end of the closing hour', () => {
    expect(shown([])).toBe('07:00–21:00')
    expect(shown([], [{ opens: '08:30', closes: '20:30' }])).toBe('07:00–22:00')
    expect(shown([b('2026-06-17T09:00', '2026-06-17T10:00')])).toBe('07:00–21:00')
  })
  it('grows to take in an owner’s override after hours (21:00–22:00 was a zero-height strip)', () => {
    expect(shown([b('2026-06-17T21:00', '2026-06-17T22:00')])).toBe('07:00–22:00')
    expect(shown([b('2026-06-17T21:15', '2026-06-17T22:15')])).toBe('07:00–23:00')
  })
  it('grows to take in an early one', () => {
    expect(shown([b('2026-06-17T05:45', '2026-06-17T06:45')])).toBe('05:00–21:00')
  })
  it('shows the whole day around a booking across midnight (23:30–00:30 was not shown at all)', () => {
    expect(shown([b('2026-06-17T23:30', '2026-06-18T00:30')])).toBe('00:00–24:00')
  })
  it('needs no early hours for one that ends exactly at midnight', () => {
    expect(shown([b('2026-06-17T23:00', '2026-06-18T00:00')])).toBe('07:00–24:00')
  })
  it('has sensible hours for a clinic with no opening hours yet', () => {
    expect(shown([], [])).toBe('07:00–21:00')
  })
})
