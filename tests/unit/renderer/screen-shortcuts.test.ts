import { describe, expect, it } from 'vitest'
import { SCREENS, screensFor } from '../../../src/renderer/src/features/shell/routes'

describe('Alt+n screen shortcuts', () => {
  it('follow the side bar’s order, one number each', () => {
    expect(SCREENS.map((s) => s.shortcut)).toEqual(SCREENS.map((_, i) => String(i + 1)))
  })

  it('keep each screen’s number whatever the role sees', () => {
    // Reception's side bar is Diary, Clients, Money, Messages: Alt+3 is Money for everyone.
    expect(screensFor('reception').map((s) => `${s.shortcut} ${s.label}`)).toEqual([
      '1 Diary',
      '2 Clients',
      '3 Money',
      '4 Messages',
    ])
    expect(screensFor('therapist').map((s) => `${s.shortcut} ${s.label}`)).toEqual([
      '1 Diary',
      '2 Clients',
      '5 Reports',
    ])
  })
})
