import fc from 'fast-check'
import { SegmentedMessage } from 'sms-segments-calculator'
import { describe, expect, it } from 'vitest'
import { smsSegments } from '../../src/shared/messages/sms-segments'

// Twilio's calculator is the reference (too slow for the booking path: see sms-segments.ts).
const reference = (text: string) => {
  const m = new SegmentedMessage(text, 'auto')
  return { encoding: m.encodingName, segments: m.segmentsCount }
}

const alphabet = [
  ...'abcXYZ019 .,!?@£$_\n',
  ...'^{}[]~\\|€',
  ...'éàÄñß',
  'ł',
  'ę',
  '“',
  '’',
  '👍',
  '🏃‍♀️',
  'Ω',
]

describe('SMS segments', () => {
  it('agrees with Twilio’s calculator on random texts of every mix and length', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...alphabet), { maxLength: 320, size: 'max' }),
        fc.boolean(),
        (chars, gsmOnly) => {
          const text = (
            gsmOnly ? chars.filter((c) => /^[\x20-\x7e\n€£éàÄñß]$/.test(c)) : chars
          ).join('')
          const mine = smsSegments(text)
          expect({ encoding: mine.encoding, segments: mine.segments }).toEqual(reference(text))
        },
      ),
      { numRuns: 150 },
    )
  })

  it('counts the boundaries a clinic meets', () => {
    expect(smsSegments('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', segments: 1 })
    expect(smsSegments('a'.repeat(161))).toMatchObject({ segments: 2 })
    expect(smsSegments('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', segments: 1 })
    expect(smsSegments('€'.repeat(81))).toMatchObject({ segments: 2 })
    expect(smsSegments(`Ola Białek ${'a'.repeat(59)}`)).toMatchObject({
      encoding: 'UCS-2',
      segments: 1,
      nonGsm: ['ł'],
    })
    expect(smsSegments(`Ola Białek ${'a'.repeat(60)}`)).toMatchObject({ segments: 2 })
  })
})
