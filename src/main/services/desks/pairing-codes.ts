import { randomInt, timingSafeEqual } from 'node:crypto'

/** Crockford's base32 without I, L, O and U: nothing to misread across a room. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const PAIRING_CODE_LENGTH = 8
/** Issue 15: a pairing code works for 10 minutes. */
export const PAIRING_CODE_TTL_MS = 10 * 60_000
/** Wrong codes a single code survives before it is burned and the owner must show a new one. */
export const MAX_WRONG_CODES = 10

export type PairingCheck =
  { ok: true } | { ok: false; reason: 'none' | 'expired' | 'wrong' | 'burned' }

/** How a person may type a code: any case, with spaces or a dash ("abcd-2345"). */
export function normaliseCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '')
}

/**
 * The host's one live pairing code. A code is single-use (a desk that pairs with it uses it
 * up), expires after 10 minutes, and is burned after MAX_WRONG_CODES wrong guesses, so
 * guessing it (32^8 ≈ 10^12 codes) is hopeless even before the per-address rate limit.
 */
export class PairingCodes {
  #code: string | null = null
  #expiresAt = 0
  #wrong = 0

  constructor(private readonly now: () => Date) {}

  /** A fresh code replaces any previous one. */
  issue(): { code: string; expiresAt: Date } {
    let code = ''
    for (let i = 0; i < PAIRING_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)]
    this.#code = code
    this.#expiresAt = this.now().getTime() + PAIRING_CODE_TTL_MS
    this.#wrong = 0
    return { code, expiresAt: new Date(this.#expiresAt) }
  }

  /** The code on show, or null when there is none or it has expired. */
  current(): { code: string; expiresAt: Date } | null {
    if (!this.#code || this.now().getTime() >= this.#expiresAt) return null
    return { code: this.#code, expiresAt: new Date(this.#expiresAt) }
  }

  /** Checks a typed code and, if right, uses it up. */
  redeem(typed: string): PairingCheck {
    if (!this.#code) return { ok: false, reason: this.#wrong > 0 ? 'burned' : 'none' }
    if (this.now().getTime() >= this.#expiresAt) return { ok: false, reason: 'expired' }
    const given = Buffer.from(normaliseCode(typed))
    const expected = Buffer.from(this.#code)
    if (given.length === expected.length && timingSafeEqual(given, expected)) {
      this.#code = null
      this.#wrong = 0
      return { ok: true }
    }
    this.#wrong += 1
    if (this.#wrong >= MAX_WRONG_CODES) {
      this.#code = null
      return { ok: false, reason: 'burned' }
    }
    return { ok: false, reason: 'wrong' }
  }
}

/**
 * A sliding-window limit per key (a remote address): at most `limit` attempts in any
 * `windowMs`. Holds at most `maxKeys` keys so a flood of addresses cannot grow it forever.
 */
export class AttemptLimiter {
  readonly #attempts = new Map<string, number[]>()

  constructor(
    private readonly now: () => Date,
    private readonly limit = 5,
    private readonly windowMs = 60_000,
    private readonly maxKeys = 1000,
  ) {}

  /** Records an attempt; false when the key is over its limit (the attempt is refused). */
  allow(key: string): boolean {
    const at = this.now().getTime()
    const recent = (this.#attempts.get(key) ?? []).filter((t) => at - t < this.windowMs)
    if (recent.length >= this.limit) {
      this.#attempts.set(key, recent)
      return false
    }
    recent.push(at)
    this.#attempts.delete(key)
    this.#attempts.set(key, recent)
    if (this.#attempts.size > this.maxKeys) {
      const oldest = this.#attempts.keys().next().value
      if (oldest !== undefined) this.#attempts.delete(oldest)
    }
    return true
  }
}
