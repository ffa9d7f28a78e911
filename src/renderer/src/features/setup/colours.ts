import { SWATCHES } from './time-ranges'

/**
 * The colour for a new therapist or service: the first of the palette nobody of that kind
 * uses yet, so each stands apart in the diary; once all are taken, the least used one (the
 * earliest in the palette on a tie). Compared case-insensitively ("#2563EB" is "#2563eb").
 */
export function nextColour(used: readonly string[], palette: readonly string[] = SWATCHES): string {
  const counts = new Map(palette.map((c) => [c.toLowerCase(), 0]))
  for (const colour of used) {
    const key = colour.toLowerCase()
    if (counts.has(key)) counts.set(key, counts.get(key)! + 1)
  }
  let best = palette[0]!
  for (const colour of palette) {
    if (counts.get(colour.toLowerCase())! < counts.get(best.toLowerCase())!) best = colour
  }
  return best
}
