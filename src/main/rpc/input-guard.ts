import type { FieldError } from '../../shared/rpc'

/** Deeper than any input in the contract (a note's body marks are four levels down). */
const MAX_DEPTH = 16

/**
 * Checks what no schema in the contract should have to repeat, before the schema runs:
 * no NUL character in any string (it ends C strings: FTS5 read "Kate\0Morgan" as an
 * unterminated string and failed with an internal error), and no nesting deeper than
 * MAX_DEPTH (a 200-deep object is an attack, not a booking).
 *
 * @returns the first problem as a field error (dotted path), or null when the input is fine
 */
export function guardInput(input: unknown): FieldError | null {
  return walk(input, [], 0)
}

function walk(value: unknown, path: (string | number)[], depth: number): FieldError | null {
  if (typeof value === 'string') {
    return value.includes('\u0000')
      ? { path: path.join('.'), message: 'Remove the invisible control character from this text' }
      : null
  }
  if (value === null || typeof value !== 'object') return null
  if (depth >= MAX_DEPTH) return { path: path.join('.'), message: 'This is nested too deeply' }
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value)
  for (const [key, child] of entries) {
    const problem = walk(child, [...path, key], depth + 1)
    if (problem) return problem
  }
  return null
}
