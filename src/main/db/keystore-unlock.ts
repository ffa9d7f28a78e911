import { fileState, type DatabaseKey } from './cipher'
import {
  ensureClinicKeys,
  keyFromKeystore,
  keyFromRecoveryKey,
  keyIdOf,
  newClinicKeys,
  readClinicKeys,
  sealInKeystore,
  writeClinicKeys,
  clinicKeysPathOf,
  type ClinicKeys,
  type KeySealer,
} from './clinic-keys'
import { hasKeyFile, keyFileBesideOf, readKeyFile, writeNewKeyFile } from './plain-key-file'

/**
 * The keystore cannot give the clinic key back (a reinstalled system, another account, a
 * copied user folder): the owner's printed recovery key can. The desktop app offers
 * "Enter recovery key" when it sees this.
 */
export class NeedsRecoveryKeyError extends Error {
  constructor(readonly file: string) {
    super(
      'This computer’s keystore cannot unlock the clinic file. Enter the recovery key the ' +
        'owner printed when the clinic was set up.',
    )
    this.name = 'NeedsRecoveryKeyError'
  }
}

/** An encrypted clinic file whose keys file is gone: no key here can open it. */
export class ClinicKeysMissingError extends Error {
  constructor(readonly file: string) {
    super(
      `The clinic file is encrypted, but its key file (${clinicKeysPathOf(file)}) is missing. ` +
        'Put the key file back beside it, or set up Plinth again and restore a backup with ' +
        'its recovery key. The clinic file has not been changed.',
    )
    this.name = 'ClinicKeysMissingError'
  }
}

/** Keeps the key where this computer can: the keystore, or a key file beside the database. */
function store(file: string, keys: ClinicKeys, key: DatabaseKey, sealer: KeySealer): void {
  if (sealer.available()) {
    writeClinicKeys(file, sealInKeystore(keys, key, sealer))
    return
  }
  // No keystore (Linux with no keyring): the key file beside is the only place left.
  if (!hasKeyFile(keyFileBesideOf(file))) writeNewKeyFile(keyFileBesideOf(file), key)
  writeClinicKeys(file, keys)
}

/**
 * The desktop app's clinic key at start. A new (or still plain) clinic file gets a new
 * random key, sealed in the keystore, and a recovery key (shown to the owner at set-up);
 * an existing one's key comes out of the keystore.
 *
 * @throws NeedsRecoveryKeyError when the keystore cannot give the key back
 * @throws ClinicKeysMissingError when an encrypted file has no keys file beside it
 */
export function clinicKeyFromKeystore(file: string, sealer: KeySealer, now: Date): DatabaseKey {
  const keys = readClinicKeys(file)
  const beside = keyFileBesideOf(file)
  if (keys) {
    const key = keyFromKeystore(keys, sealer)
    if (key) return key
    if (hasKeyFile(beside)) {
      const fallback = readKeyFile(beside)
      if (keyIdOf(fallback) === keys.keyId) return fallback
    }
    throw new NeedsRecoveryKeyError(file)
  }
  if (fileState(file) === 'encrypted') {
    // Made by a headless command (`npm run seed`) with its key file beside: adopt it.
    if (!hasKeyFile(beside)) throw new ClinicKeysMissingError(file)
    const key = readKeyFile(beside)
    store(file, ensureClinicKeys(file, key, now), key, sealer)
    return key
  }
  const made = newClinicKeys()
  store(file, made.keys, made.key, sealer)
  return made.key
}

/**
 * Unlocks with the printed recovery key, and seals the key in this computer's keystore
 * again, so the next start needs no recovery key.
 *
 * @throws RecoveryKeyError when the recovery key is not this clinic's
 * @throws ClinicKeysMissingError when there is no keys file to unwrap
 */
export function clinicKeyFromRecoveryKey(
  file: string,
  typed: string,
  sealer: KeySealer,
): DatabaseKey {
  const keys = readClinicKeys(file)
  if (!keys) throw new ClinicKeysMissingError(file)
  const key = keyFromRecoveryKey(keys.recovery, keys.keyId, typed)
  if (sealer.available()) writeClinicKeys(file, sealInKeystore(keys, key, sealer))
  return key
}
