import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import { dictionary } from '@zxcvbn-ts/language-common'

/**
 * OWASP's scrypt parameters (N=2^17, r=8, p=1). They need 128 * N * r = 128 MiB of memory,
 * above node's 32 MiB default, hence maxmem. The parameters are stored in each hash, so
 * they can be raised later without breaking existing passwords.
 */
const OWASP: Required<Pick<ScryptOptions, 'N' | 'r' | 'p'>> = { N: 2 ** 17, r: 8, p: 1 }
const KEY_LENGTH = 32

function derive(secret: string, salt: Buffer, params: { N: number; r: number; p: number }) {
  return new Promise<Buffer>((done, fail) =>
    scrypt(
      secret.normalize('NFKC'),
      salt,
      KEY_LENGTH,
      { ...params, maxmem: 256 * params.N * params.r },
      (error, key) => (error ? fail(error) : done(key)),
    ),
  )
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(secret, salt, OWASP)
  return [
    'scrypt',
    OWASP.N,
    OWASP.r,
    OWASP.p,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$')
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$')
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false
  const expected = Buffer.from(key, 'base64')
  const actual = await derive(secret, Buffer.from(salt, 'base64'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  })
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

/**
 * Verifying against this when the username is unknown makes a wrong username cost as much
 * time as a wrong password, so response times do not reveal which accounts exist.
 */
let dummyHash: Promise<string> | null = null
export function dummySecretHash(): Promise<string> {
  dummyHash ??= hashSecret(randomBytes(16).toString('hex'))
  return dummyHash
}

let common: Set<string> | null = null
function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common'] as string[])
  return common.has(password.toLowerCase())
}

export const MIN_PASSWORD_LENGTH = 10

/** Why a new password is not good enough, or null when it is. */
export function passwordProblem(
  password: string,
  context: { username?: string } = {},
): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `Use at least ${MIN_PASSWORD_LENGTH} characters`
  }
  if (password.length > 200) return 'Use at most 200 characters'
  if (/^(.)\1+$/.test(password)) return 'Use more than one repeated character'
  if (isCommonPassword(password)) {
    return 'This password is on lists of commonly used passwords; choose another'
  }
  const username = context.username?.trim().toLowerCase()
  if (username && username.length >= 3 && password.toLowerCase().includes(username)) {
    return 'Do not include your username in your password'
  }
  return null
}
