import { describe, expect, it } from 'vitest'
import { tidyPhone } from '../../src/shared/phone-check'
import { clientInput } from '../../src/shared/contract/clients'

describe('tidyPhone: a number as the clinic writes it', () => {
  it.each([
    // The user trial's number: the "+44 (0)" form ran into the day sheet's next column.
    ['+44 (0)7700 900123', '07700 900123'],
    ['07700900123', '07700 900123'],
    ['+447911123456', '07911 123456'],
    ['0044 7911 123456', '07911 123456'],
    ['01134960000', '0113 496 0000'],
    ['020-7946-0000', '020 7946 0000'],
    // Guernsey shares +44: still written the UK way.
    ['+44 1481 123456', '01481 123456'],
    ['0033612345678', '+33 6 12 34 56 78'],
    ['+1 (212) 555-0100', '+1 212 555 0100'],
    ['  07911   123456 ', '07911 123456'],
    ['', ''],
  ])('%j → %j', (typed, stored) => {
    expect(tidyPhone(typed)).toBe(stored)
  })

  it('keeps a foreign number it cannot read as typed, spaces collapsed', () => {
    expect(tidyPhone('+999  12345')).toBe('+999 12345')
  })

  it('is what the client contract stores for every phone field', () => {
    const parsed = clientInput.parse({
      firstName: 'Priya',
      lastName: 'Shah',
      mobile: '+44 (0)7700 900123',
      otherPhone: '0044 113 496 0000',
      emergencyPhone: '+33 6 12 34 56 78',
    })
    expect([parsed.mobile, parsed.otherPhone, parsed.emergencyPhone]).toEqual([
      '07700 900123',
      '0113 496 0000',
      '+33 6 12 34 56 78',
    ])
  })
})
