import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { z } from 'zod'
import { asDatabaseKey, CIPHER, newDatabaseKey, type DatabaseKey } from './cipher'
import { formatRecoveryKey, newRecoveryKey, parseRecoveryKey } from './recovery-key'

/**
 * `<clinic file>.keys.json`: how the clinic's data key can be had, never the key itself.
 * - `keystore`: the data key sealed by the operating system's keystore (Electron
 *   safeStorage: DPAPI, the macOS Keychain, libsecret); absent for a headless clinic.
 * - `recovery`: the data key wrapped (AES-256-GCM) by the printed recovery key, so the
 *   file opens when the keystore is lost; the data key itself never changes.
 * - `recoveryKey`: the recovery key wrapped by the data key, so the owner can print the
 *   same key again; it opens nothing the data key does not.
 * Kept beside the database, never inside it. Backups carry their own copy of `recovery`.
 */
export const clinicKeysPathOf = (databaseFile: string) => `${databaseFile}.keys.json`

const b64 = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/)
export const wrappedSchema = z.object({ salt: b64, iv: b64, data: b64, tag: b64 })
export type Wrapped = z.output<typeof wrappedSchema>

const keysSchema = z.object({
  format: z.literal('plinth-clinic-keys'),
  version: z.literal(1),
  cipher: z.literal(CIPHER),
  keyId: z.string().regex(/^[0-9a-f]{32}$/),
  keystore: b64.optional(),
  recovery: wrappedSchema,
  recoveryKey: wrappedSchema,
})
export type ClinicKeys = z.output<typeof keysSchema>

/** What the backups need to make a backup openable with the clinic key or the recovery key. */
export interface ClinicKeyring {
  key: DatabaseKey
  keyId: string
  recovery: Wrapped
}

/** The recovery key typed does not unwrap this clinic's (or this backup's) key. */
export class RecoveryKeyError extends Error {
  constructor(what: 'clinic file' | 'backup' = 'clinic file') {
    super(
      `That recovery key does not open this ${what}. Check each group of four against the printed sheet.`,
    )
    this.name = 'RecoveryKeyError'
  }
}

/** The keys file is there but unreadable: never guessed around, never overwritten. */
export class ClinicKeysDamagedError extends Error {
  constructor(readonly path: string) {
    super(
      `The clinic's key file is damaged, so Plinth cannot tell how to open the clinic file. ` +
        `Put back a copy of it, or restore a backup with its recovery key. File: ${path}`,
    )
    this.name = 'ClinicKeysDamagedError'
  }
}

/** Names the data key without revealing it: matches a backup to the clinic it came from. */
export function keyIdOf(key: DatabaseKey): string {
  return createHmac('sha256', key).update('plinth clinic key id').digest('hex').slice(0, 32)
}

/** A key for one purpose derived from another (HKDF-SHA256): one secret, never reused raw. */
export function subkey(secret: Buffer, salt: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, salt, purpose, 32))
}

function wrap(secret: Buffer, plain: Buffer, purpose: string, aad: string): Wrapped {
  const salt = randomBytes(16)
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', subkey(secret, salt, purpose), iv)
  cipher.setAAD(Buffer.from(aad))
  const data = Buffer.concat([cipher.update(plain), cipher.final()])
  const b = (x: Buffer) => x.toString('base64')
  return { salt: b(salt), iv: b(iv), data: b(data), tag: b(cipher.getAuthTag()) }
}

/** Null when the secret is not the one it was wrapped with (the GCM tag fails). */
function unwrap(secret: Buffer, wrapped: Wrapped, purpose: string, aad: string): Buffer | null {
  const from = (x: string) => Buffer.from(x, 'base64')
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      subkey(secret, from(wrapped.salt), purpose),
      from(wrapped.iv),
    )
    decipher.setAAD(Buffer.from(aad))
    decipher.setAuthTag(from(wrapped.tag))
    return Buffer.concat([decipher.update(from(wrapped.data)), decipher.final()])
  } catch {
    return null
  }
}

const RECOVERY = 'plinth data key under the recovery key'
const COPY = 'plinth recovery key under the data key'

/** Wraps the data key with a recovery key: stored beside the file and in every backup. */
export function wrapWithRecoveryKey(key: DatabaseKey, recoveryKey: Buffer): Wrapped {
  return wrap(recoveryKey, key, RECOVERY, keyIdOf(key))
}

/**
 * The data key a recovery key unwraps, checked against the key id it must have.
 *
 * @param typed the recovery key as the owner typed it (dashes, spaces, any case)
 * @throws RecoveryKeyError when it is not a recovery key or not this one
 */
export function keyFromRecoveryKey(
  wrapped: Wrapped,
  keyId: string,
  typed: string,
  what?: 'clinic file' | 'backup',
): DatabaseKey {
  const recoveryKey = parseRecoveryKey(typed)
  const plain = recoveryKey && unwrap(recoveryKey, wrapped, RECOVERY, keyId)
  if (!plain || plain.length !== 32) throw new RecoveryKeyError(what)
  const key = asDatabaseKey(plain)
  if (!timingSafeEqual(Buffer.from(keyIdOf(key)), Buffer.from(keyId))) {
    throw new RecoveryKeyError(what)
  }
  return key
}

/** A fresh data key's keys file, with a new recovery key. */
export function newClinicKeys(key: DatabaseKey = newDatabaseKey()): {
  key: DatabaseKey
  keys: ClinicKeys
} {
  const recoveryKey = newRecoveryKey()
  const keys: ClinicKeys = {
    format: 'plinth-clinic-keys',
    version: 1,
    cipher: CIPHER,
    keyId: keyIdOf(key),
    recovery: wrapWithRecoveryKey(key, recoveryKey),
    recoveryKey: wrap(key, recoveryKey, COPY, keyIdOf(key)),
  }
  return { key, keys }
}

/** The recovery key, formatted for the sheet. Null when the keys are not this key's. */
export function recoveryKeyText(keys: ClinicKeys, key: DatabaseKey): string | null {
  const plain = unwrap(key, keys.recoveryKey, COPY, keys.keyId)
  return plain ? formatRecoveryKey(plain) : null
}

/** @throws ClinicKeysDamagedError when the file is there but not a keys file */
export function readClinicKeys(databaseFile: string): ClinicKeys | null {
  const path = clinicKeysPathOf(databaseFile)
  if (!existsSync(path)) return null
  try {
    return keysSchema.parse(JSON.parse(readFileSync(path, 'utf8')))
  } catch {
    throw new ClinicKeysDamagedError(path)
  }
}

/** Written whole and renamed into place, readable by this account only. */
export function writeClinicKeys(databaseFile: string, keys: ClinicKeys): void {
  const path = clinicKeysPathOf(databaseFile)
  writeFileSync(`${path}.part`, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 })
  renameSync(`${path}.part`, path)
}

/**
 * The keys file for a data key that has just opened the clinic file: read, or made (with a
 * new recovery key) when missing. One written for another key cannot belong to this file,
 * whose key this one is; it is kept aside, never deleted.
 */
export function ensureClinicKeys(databaseFile: string, key: DatabaseKey, now: Date): ClinicKeys {
  const existing = readClinicKeys(databaseFile)
  if (existing && existing.keyId === keyIdOf(key)) return existing
  if (existing) {
    const path = clinicKeysPathOf(databaseFile)
    renameSync(path, `${path}.other-key-${now.toISOString().replace(/[:.]/g, '-')}`)
  }
  const { keys } = newClinicKeys(key)
  writeClinicKeys(databaseFile, keys)
  return keys
}

/** The OS keystore as Electron's safeStorage offers it; absent in headless commands. */
export interface KeySealer {
  /** False when the keystore cannot keep secrets (e.g. Linux without a keyring). */
  available(): boolean
  seal(plain: Buffer): Buffer
  /** @throws when this keystore did not seal it (another account, a reinstalled system) */
  unseal(sealed: Buffer): Buffer
}

/** The data key from the keystore, or null when the keystore cannot give it back. */
export function keyFromKeystore(keys: ClinicKeys, sealer: KeySealer): DatabaseKey | null {
  if (!keys.keystore || !sealer.available()) return null
  try {
    const key = asDatabaseKey(sealer.unseal(Buffer.from(keys.keystore, 'base64')))
    return keyIdOf(key) === keys.keyId ? key : null
  } catch {
    return null
  }
}

export function sealInKeystore(keys: ClinicKeys, key: DatabaseKey, sealer: KeySealer): ClinicKeys {
  return { ...keys, keystore: sealer.seal(key).toString('base64') }
}
