/**
 * What reception types into an amount box, in pence: "55", "55.5", "55.50", "£1,055.00".
 * Returns null for anything else (letters, three decimals, negative amounts), so the form
 * can say so next to the field rather than guess.
 */
export function parsePounds(text: string): number | null {
  const cleaned = text.trim().replace(/^£/, '').replace(/,/g, '')
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(cleaned)
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}

/** 3500 -> "35.00": the value put back into an amount box. */
export function poundsText(pence: number): string {
  return (pence / 100).toFixed(2)
}
