import { randomBytes } from 'node:crypto'
import { base32crockford } from '@scure/base'

/**
 * The printed recovery key: 160 random bits (beyond any guessing, so no slow key derivation
 * is needed), written as 32 Crockford base32 characters in 8 groups of 4:
 * `7K3M-Q0ZD-…`. Crockford's alphabet has no I, L, O or U, and reading it back treats
 * O as 0 and I or L as 1, so a key copied by hand from paper still reads.
 */
export const RECOVERY_KEY_BYTES = 20
const GROUP = 4

export function newRecoveryKey(): Buffer {
  return randomBytes(RECOVERY_KEY_BYTES)
}

/** `ABCD-EFGH-…`: what the owner is shown and what the sheet prints. */
export function formatRecoveryKey(bytes: Buffer): string {
  const text = base32crockford.encode(bytes)
  const groups: string[] = []
  for (let i = 0; i < text.length; i += GROUP) groups.push(text.slice(i, i + GROUP))
  return groups.join('-')
}

/**
 * Reads a recovery key as typed: any case, with or without dashes or spaces, O for 0 and
 * I or L for 1. Null when it cannot be one (wrong length or a character not in it).
 */
export function parseRecoveryKey(typed: string): Buffer | null {
  const compact = typed.replace(/[\s\-–—_.]/g, '').toUpperCase()
  if (compact.length !== 32) return null
  try {
    const bytes = Buffer.from(base32crockford.decode(compact))
    return bytes.length === RECOVERY_KEY_BYTES ? bytes : null
  } catch {
    return null
  }
}
