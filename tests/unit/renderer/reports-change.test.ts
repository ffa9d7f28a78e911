import { describe, expect, it } from 'vitest'
import { changeOf } from '../../../src/renderer/src/features/reports/report-format'

describe('the change against the period before', () => {
  it('is a percentage of a positive figure', () => {
    expect(changeOf('pence', 12_000, 10_000)).toEqual({
      words: '+20 % on the period before',
      direction: 'up',
    })
  })

  it.each([
    // The user trial's figures: net takings after a day of refunds, a cash-up shortfall.
    [902_000, -1_500, '+£9,035.00 on the period before', 'up'],
    [800, -500, '+£13.00 on the period before', 'up'],
    [-500, 800, '−£13.00 on the period before', 'down'],
    [5_500, 0, '+£55.00 on the period before', 'up'],
    [-300, 0, '−£3.00 on the period before', 'down'],
  ] as const)('is the amount itself from %i against %i', (value, previous, words, direction) => {
    expect(changeOf('pence', value, previous)).toEqual({ words, direction })
  })

  it('is in points for a rate, and says when nothing changed', () => {
    expect(changeOf('percent', 0.12, 0.1)?.words).toBe('+2 points on the period before')
    expect(changeOf('count', 7, 7)?.words).toBe('same as the period before')
    expect(changeOf('count', 3, 0)?.words).toBe('+3 on the period before')
  })
})
