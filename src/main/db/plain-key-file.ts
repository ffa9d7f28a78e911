import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { databaseKeyFromHex, newDatabaseKey, type DatabaseKey } from './cipher'

/**
 * A data key in the clear, as 64 hex digits in a file readable by this account only: what
 * the headless commands use (`--key-file`, or `<clinic file>.key` made for a new dev
 * clinic), and the desktop app's fallback on a computer whose keystore cannot keep secrets.
 * It protects the clinic file only while it is kept apart from it (another disk, a USB key).
 */
export const keyFileBesideOf = (databaseFile: string) => `${databaseFile}.key`

/** The key in a key file that failed to read. */
export class KeyFileError extends Error {
  constructor(path: string, problem: string) {
    super(`The key file ${path} ${problem}. It must hold the clinic key as 64 hex digits.`)
    this.name = 'KeyFileError'
  }
}

/** @throws KeyFileError when the file cannot be read or holds no key */
export function readKeyFile(path: string): DatabaseKey {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as { code?: string }).code
    throw new KeyFileError(path, code === 'ENOENT' ? 'does not exist' : 'cannot be read')
  }
  const key = databaseKeyFromHex(text)
  if (!key) throw new KeyFileError(path, 'does not hold a key')
  return key
}

/** Writes a new random key to a file that must not exist yet (never overwrites a key). */
export function writeNewKeyFile(path: string, key: DatabaseKey = newDatabaseKey()): DatabaseKey {
  writeFileSync(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' })
  return key
}

export function hasKeyFile(path: string): boolean {
  return existsSync(path)
}
