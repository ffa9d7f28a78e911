// Breaks outside working hours are refused; working hours outside opening hours are saved
// with a warning, since the diary will not offer them (issue #11 item 14).
import { describe, expect, it } from 'vitest'
import { therapistInput } from '../../src/shared/contract/diary-setup'
import {
  hoursOutsideOpening,
  openingWarning,
  parseRanges,
} from '../../src/renderer/src/features/setup/time-ranges'

const sam = (hours: string, breaks: string, weekday = 3) => ({
  name: 'Sam',
  colour: '#2563eb',
  hours: parseRanges(hours, weekday).ranges,
  breaks: parseRanges(breaks, weekday).ranges,
})

function refusal(input: unknown) {
  const r = therapistInput.safeParse(input)
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

describe('a therapist’s breaks', () => {
  it('refuses a break after the working day ends, naming the day’s hours', () => {
    expect(refusal(sam('09:00-17:00', '18:00-19:00'))).toEqual([
      'breaks.0.starts: 18:00-19:00 is outside Wednesday’s working hours (09:00-17:00)',
    ])
  })

  it('refuses a break that runs past the end of the day, or sits in the gap of a split day', () => {
    expect(refusal(sam('09:00-17:00', '16:30-17:30'))).toHaveLength(1)
    expect(refusal(sam('09:00-12:00, 14:00-18:00', '12:30-13:00'))).toHaveLength(1)
  })

  it('refuses a break on a day off', () => {
    const input = { ...sam('09:00-17:00', ''), breaks: parseRanges('12:00-12:30', 6).ranges }
    expect(refusal(input)).toEqual(['breaks.0.starts: 12:00-12:30: no working hours on Saturday'])
  })

  it('accepts a break inside the day, including across back-to-back ranges', () => {
    expect(refusal(sam('09:00-17:00', '12:30-13:15'))).toEqual([])
    expect(refusal(sam('09:00-13:00, 13:00-17:00', '12:30-13:30'))).toEqual([])
    expect(refusal(sam('09:00-17:00', '09:00-09:15, 16:45-17:00'))).toEqual([])
  })
})

describe('working hours outside opening hours', () => {
  const opening = [
    { weekday: 1, opens: '08:00', closes: '20:00' },
    { weekday: 6, opens: '09:00', closes: '17:00' },
  ]

  it('lists the parts the diary will not offer', () => {
    const sat = parseRanges('07:00-12:00, 16:00-18:30', 6).ranges
    expect(hoursOutsideOpening(sat, opening, 6)).toEqual(['07:00-09:00', '17:00-18:30'])
    expect(openingWarning(sat, opening, 6)).toBe(
      'Not bookable: 07:00-09:00, 17:00-18:30, outside opening hours (09:00-17:00)',
    )
  })

  it('says the clinic is closed when the whole day is', () => {
    const sun = parseRanges('10:00-14:00', 7).ranges
    expect(openingWarning(sun, opening, 7)).toBe(
      'Not bookable: 10:00-14:00, the clinic is closed that day',
    )
  })

  it('has nothing to say about hours inside opening hours', () => {
    const mon = parseRanges('08:00-12:00, 13:00-20:00', 1).ranges
    expect(openingWarning(mon, opening, 1)).toBeNull()
  })
})
