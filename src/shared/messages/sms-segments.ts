import { SegmentedMessage } from 'sms-segments-calculator'

/**
 * How many SMS segments a text needs, and in which encoding: GSM-7 (160 characters alone,
 * 153 a segment when split; ^ { } [ ] ~ \ | € count twice) or, if any character is outside
 * GSM-7 (an emoji, "ł", curly quotes), UCS-2 (70 alone, 67 a segment). Counted with Twilio's
 * sms-segments-calculator rather than by hand: it knows the GSM-7 extension table and the
 * surrogate pairs that a hand count gets wrong.
 */
export function smsSegments(text: string): {
  encoding: 'GSM-7' | 'UCS-2'
  segments: number
  characters: number
  /** Characters that forced UCS-2, to replace if the owner wants the cheaper encoding. */
  nonGsm: string[]
} {
  const m = new SegmentedMessage(text, 'auto')
  return {
    encoding: m.encodingName === 'GSM-7' ? 'GSM-7' : 'UCS-2',
    segments: m.segmentsCount,
    characters: [...text].length,
    nonGsm: [...new Set(m.getNonGsmCharacters())],
  }
}
