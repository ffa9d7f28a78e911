// SMS segment counting (issue 16): GSM-7 or UCS-2, as a handset and gateway count them.
// Written here rather than taken from npm: the one well-kept package (Twilio's
// sms-segments-calculator) took ~1.3 ms a message, which alone broke the booking's 1 ms
// budget for queuing (tests/bench/messages.bench.ts). tests/unit/messages-sms-segments.test.ts
// checks this module against that package on random texts (fast-check), so the two agree.

/** GSM 03.38 basic character set: one septet each (ESC, 0x1B, is not a character). */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
)
/** GSM 03.38 extension table: ESC plus the character, two septets, never split. */
const GSM_EXTENSION = new Set('\f^{}\\[~]|€')

/** A message that fits one segment: 160 septets or 70 UTF-16 units; split: 153 or 67 each. */
const SINGLE = { 'GSM-7': 160, 'UCS-2': 70 } as const
const PART = { 'GSM-7': 153, 'UCS-2': 67 } as const

export interface SmsSegments {
  encoding: 'GSM-7' | 'UCS-2'
  segments: number
  /** Characters as a person counts them (code points). */
  characters: number
  /** Characters that forced UCS-2, to replace if the owner wants the cheaper encoding. */
  nonGsm: string[]
}

/**
 * How many segments a text needs. GSM-7 when every character is in the GSM 03.38 tables
 * (the extension's ^ { } [ ] ~ \ | € and form feed cost two septets); otherwise UCS-2,
 * where a character outside the Basic Multilingual Plane (most emoji) costs two units. A
 * long message is split into parts of 153 septets or 67 units (the rest is the concatenation
 * header), and a character (a whole grapheme: an emoji with its joiners) is never split
 * across parts.
 */
const graphemes = new Intl.Segmenter('en-GB', { granularity: 'grapheme' })

export function smsSegments(text: string): SmsSegments {
  // What a person sees as one character (a flag, 🏃‍♀️ with its joiners) is never split
  // across parts, as handsets and gateways keep it whole.
  const chars = Array.from(graphemes.segment(text), (g) => g.segment)
  const nonGsm = [...new Set(chars.filter((c) => !GSM_BASIC.has(c) && !GSM_EXTENSION.has(c)))]
  const encoding = nonGsm.length === 0 ? 'GSM-7' : 'UCS-2'
  const cost = (c: string) => (encoding === 'GSM-7' ? (GSM_EXTENSION.has(c) ? 2 : 1) : c.length) // UTF-16 units
  let total = 0
  for (const c of chars) total += cost(c)
  let segments = 1
  if (total > SINGLE[encoding]) {
    let used = 0
    for (const c of chars) {
      const n = cost(c)
      if (used + n > PART[encoding]) {
        segments++
        used = 0
      }
      used += n
    }
  }
  return { encoding, segments, characters: chars.length, nonGsm }
}
