import { z } from 'zod'
import { asDatabaseKey, type DatabaseKey } from '../../db/cipher'
import {
  keyFromRecoveryKey,
  RecoveryKeyError,
  subkey,
  wrappedSchema,
  type ClinicKeyring,
} from '../../db/clinic-keys'
import { DomainError } from '../domain-error'
import {
  damagedHeader,
  deriveKey,
  kdfSchema,
  readEncryptionHeader,
  type KdfParams,
} from './encryption'
import type { BackupKey } from './key-file'
import type { BackupManifest } from './manifest'

/**
 * How a backup is encrypted, as its manifest says. Every backup is a SQLite3MultipleCiphers
 * file, keyed like the clinic file (cipher.ts):
 * - `clinic` (the default): with the clinic's own data key; the manifest carries that key
 *   wrapped by the recovery key, so the backup opens with the clinic key or the printed
 *   recovery key, on this computer or any other;
 * - `passphrase` (the owner's choice instead): with a key derived from a passphrase by
 *   scrypt; the manifest carries the salt and cost, bounded before any work is done.
 */
export const backupKeyingSchema = z.discriminatedUnion('scheme', [
  z.object({
    scheme: z.literal('clinic'),
    keyId: z.string().regex(/^[0-9a-f]{32}$/),
    recovery: wrappedSchema,
  }),
  z.object({ scheme: z.literal('passphrase'), kdf: kdfSchema }),
])
export type BackupKeying = z.output<typeof backupKeyingSchema>

/** What a backup is written with. */
export interface BackupSecret {
  /** The backup file's key. */
  key: DatabaseKey
  keying: BackupKeying
  /** Each attachment in the backup folder is encrypted on its own with this key. */
  attachments: { key: Buffer; kdf: KdfParams | null }
}

/** Attachments get their own key, derived from the backup's: one secret, never reused raw. */
export function attachmentKeyOf(key: DatabaseKey): Buffer {
  return subkey(key, Buffer.alloc(0), 'plinth backup attachments')
}

export function clinicSecret(keyring: ClinicKeyring): BackupSecret {
  return {
    key: keyring.key,
    keying: { scheme: 'clinic', keyId: keyring.keyId, recovery: keyring.recovery },
    attachments: { key: attachmentKeyOf(keyring.key), kdf: null },
  }
}

export function passphraseSecret(stored: BackupKey): BackupSecret {
  const key = asDatabaseKey(stored.key)
  return {
    key,
    keying: { scheme: 'passphrase', kdf: stored.kdf },
    attachments: { key: attachmentKeyOf(key), kdf: stored.kdf },
  }
}

/** How to read one backup's file and its attachments. */
export type BackupOpening =
  | { kind: 'plain' }
  | { kind: 'keyed'; key: DatabaseKey; attachmentsKey: Buffer }
  /** Made before encryption at rest: AES-256-GCM around a plain SQLite file (`.sqlite.enc`). */
  | { kind: 'sealed'; key: Buffer }

/**
 * Whether a backup opens here with nothing typed: plain, this clinic's own key, or the
 * passphrase kept on this computer. (A backup from before encryption at rest is taken to
 * open when a passphrase is kept here; restore asks if it is not the right one.)
 */
export function opensWithoutTyping(
  manifest: BackupManifest,
  known: { clinic: ClinicKeyring | null; passphrase: BackupKey | null },
): boolean {
  if (!manifest.encrypted) return true
  if (manifest.keying === undefined) return known.passphrase !== null
  const keying = backupKeyingSchema.safeParse(manifest.keying)
  if (!keying.success) return false
  return keying.data.scheme === 'clinic'
    ? keying.data.keyId === known.clinic?.keyId
    : keying.data.kdf.salt === known.passphrase?.kdf.salt
}

const askFor = (message: string, field: string) =>
  new DomainError('rule_broken', message, [{ path: 'passphrase', message: field }])

/**
 * Works out the key of a backup before its restore starts, so a missing or wrong recovery
 * key shows next to its field. A wrong passphrase only shows when the file will not open.
 *
 * @param typed what the owner typed: the backup's passphrase, or the recovery key printed
 *   for the clinic that made it
 * @throws DomainError naming the field when something must be typed, or the manifest is damaged
 */
export async function openingFor(
  file: string,
  manifest: BackupManifest,
  typed: string | undefined,
  known: { clinic: ClinicKeyring | null; passphrase: BackupKey | null },
): Promise<BackupOpening> {
  if (manifest.keying === undefined) {
    if (!manifest.encrypted) return { kind: 'plain' }
    const { header } = await readEncryptionHeader(file)
    if (!('salt' in header)) throw damagedHeader()
    const stored = known.passphrase
    if (!typed && stored && stored.kdf.salt === header.salt)
      return { kind: 'sealed', key: stored.key }
    if (!typed)
      throw askFor(
        'This backup is encrypted. Enter its passphrase.',
        'Enter the passphrase this backup was made with',
      )
    return { kind: 'sealed', key: await deriveKey(typed, header) }
  }
  const keying = backupKeyingSchema.safeParse(manifest.keying)
  if (!keying.success) throw damagedHeader()
  const keyed = (key: DatabaseKey): BackupOpening => ({
    kind: 'keyed',
    key,
    attachmentsKey: attachmentKeyOf(key),
  })
  if (keying.data.scheme === 'clinic') {
    const { keyId, recovery } = keying.data
    if (known.clinic && known.clinic.keyId === keyId) return keyed(known.clinic.key)
    if (!typed) {
      throw askFor(
        'This backup was made with another clinic key. Enter the recovery key printed for it.',
        'Enter the recovery key printed when that clinic was set up',
      )
    }
    try {
      return keyed(keyFromRecoveryKey(recovery, keyId, typed, 'backup'))
    } catch (error) {
      if (error instanceof RecoveryKeyError) throw askFor(error.message, error.message)
      throw error
    }
  }
  const { kdf } = keying.data
  const stored = known.passphrase
  if (!typed && stored && stored.kdf.salt === kdf.salt) return keyed(asDatabaseKey(stored.key))
  if (!typed)
    throw askFor(
      'This backup is encrypted. Enter its passphrase.',
      'Enter the passphrase this backup was made with',
    )
  return keyed(asDatabaseKey(await deriveKey(typed, kdf)))
}
