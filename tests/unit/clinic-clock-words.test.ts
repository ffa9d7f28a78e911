import { describe, expect, it } from 'vitest'
import {
  formatDate,
  formatDateRange,
  weekdayPlural,
} from '../../src/main/services/diary/clinic-clock'

// Main's words for clinic dates (refusals, audit summaries, series descriptions), now from
// date-fns's en-GB locale instead of hand-kept month and day arrays.
describe('clinic dates in words', () => {
  it('names a date with and without its weekday', () => {
    expect(formatDate('2026-03-03')).toBe('3 March')
    expect(formatDate('2026-03-03', true)).toBe('Tuesday 3 March')
    expect(formatDate('2026-03-29', true)).toBe('Sunday 29 March') // the clocks go forward
  })

  it('names a range inside a month, across months, and a single day', () => {
    expect(formatDateRange('2026-03-03', '2026-03-10')).toBe('3–10 March')
    expect(formatDateRange('2026-02-28', '2026-03-03')).toBe('28 February – 3 March')
    expect(formatDateRange('2026-03-03', '2026-03-03')).toBe('3 March')
  })

  it('names ISO weekdays in the plural, Monday = 1', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(weekdayPlural)).toEqual([
      'Mondays',
      'Tuesdays',
      'Wednesdays',
      'Thursdays',
      'Fridays',
      'Saturdays',
      'Sundays',
    ])
  })
})
