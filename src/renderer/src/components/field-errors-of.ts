import type { z } from 'zod'

/** A zod result's first message per field path ("activities.0.score"): shown beside fields. */
export function fieldErrorsOf(result: z.ZodSafeParseResult<unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  if (result.success) return out
  for (const issue of result.error.issues) {
    const key = issue.path.join('.')
    out[key] ??= issue.message
  }
  return out
}

/** "12,5" or "12.5" → 12.5; '' → null; anything else → NaN (refused by the schema). */
export function typedNumber(text: string): number | null {
  const t = text.trim().replace(',', '.')
  return t === '' ? null : Number(t)
}
