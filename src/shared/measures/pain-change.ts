/**
 * How much a pain score (0–10 numeric rating scale, NRS) has changed, in words a runner
 * understands.
 *
 * Thresholds, for a fall in pain (improvement):
 * - "much better": a fall of 2 points or more, or of about a third (33%) or more.
 *   Farrar JT, Young JP, LaMoreaux L, Werth JL, Poole RM. Clinical importance of changes in
 *   chronic pain intensity measured on an 11-point numerical pain rating scale. Pain
 *   2001;94:149–158 (2 points or ~30% matched "much improved").
 *   Salaffi F, Stancati A, Silvestri CA, Ciapetti A, Grassi W. Minimal clinically important
 *   changes in chronic musculoskeletal pain intensity measured on a numerical rating scale.
 *   Eur J Pain 2004;8:283–291 (2 points or 33% for "much better").
 * - "smallest change that matters" (minimal clinically important difference): 1 point or 15%
 *   (Salaffi 2004). On a whole-number scale any 1-point fall is at least 10%, and the
 *   "or" means one point is enough.
 * A rise is reported the same way ("worse", "much worse") so the chart is honest both ways.
 */
export const PAIN_MUCH_BETTER_POINTS = 2
export const PAIN_MUCH_BETTER_FRACTION = 0.33
export const PAIN_SMALLEST_POINTS = 1
export const PAIN_SMALLEST_FRACTION = 0.15

export type PainChange = 'much better' | 'better' | 'no real change' | 'worse' | 'much worse'

/**
 * Classifies a change from `from` to `to` (both 0–10). Null when either is missing.
 * The percentage is of the starting score; from 0 any rise counts by points alone.
 */
export function painChange(from: number | null, to: number | null): PainChange | null {
  if (from === null || to === null) return null
  const fall = from - to
  if (fall === 0) return 'no real change'
  const points = Math.abs(fall)
  const fraction = from > 0 ? points / from : 0
  const big =
    points >= PAIN_MUCH_BETTER_POINTS ||
    (points >= PAIN_SMALLEST_POINTS && fraction >= PAIN_MUCH_BETTER_FRACTION)
  const matters = points >= PAIN_SMALLEST_POINTS || fraction >= PAIN_SMALLEST_FRACTION
  if (!matters) return 'no real change'
  if (fall > 0) return big ? 'much better' : 'better'
  return big ? 'much worse' : 'worse'
}
