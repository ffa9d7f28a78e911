import { describe, expect, it } from 'vitest'
import { parsePounds } from '../../src/shared/money/pounds'

// What reception types into an amount box. A user trial typed "40,00" for forty pounds and
// Plinth took £4,000.00 (the comma was dropped as a thousands separator).
describe('an amount typed at the till', () => {
  it('reads pounds and pence as typed', () => {
    expect(parsePounds('40')).toBe(4000)
    expect(parsePounds('40.5')).toBe(4050)
    expect(parsePounds(' £40.50 ')).toBe(4050)
    expect(parsePounds('£ 1,055.00')).toBe(105500)
    expect(parsePounds('12,345,678')).toBe(1234567800)
  })

  it('refuses a decimal comma and other commas that are not thousands separators', () => {
    for (const text of ['40,00', '60,00', '4,0', '1,05', ',5', '1,0000', '1,234,5', '12,34.50']) {
      expect(parsePounds(text), text).toBeNull()
    }
  })

  it('refuses three decimals, letters and negatives', () => {
    for (const text of ['40.005', 'forty', '-5', '', '£'])
      expect(parsePounds(text), text).toBeNull()
  })
})
