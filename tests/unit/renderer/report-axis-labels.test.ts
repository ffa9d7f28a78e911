import { describe, expect, it } from 'vitest'
import { axisLabel } from '../../../src/renderer/src/features/reports/report-format'

describe('the month labels under a chart', () => {
  it('names every month, with the year on the first and on January', () => {
    const months = ['Oct 2025', 'Nov 2025', 'Dec 2025', 'Jan 2026', 'Feb 2026', 'Mar 2026']
    expect(months.map(axisLabel)).toEqual(['Oct 2025', 'Nov', 'Dec', 'Jan 2026', 'Feb', 'Mar'])
  })

  it('leaves labels that are not months as they are', () => {
    expect(axisLabel('w/c 2026-06-01', 3)).toBe('w/c 2026-06-01')
    expect(axisLabel('Sam Patel', 1)).toBe('Sam Patel')
  })
})
