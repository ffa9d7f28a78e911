import { existsSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { deriveKey, newKdfParams, type KdfParams } from './encryption'

/**
 * The backup key lives in a small file beside the database, not in it: a key stored in the
 * database would be copied into every backup, so the backup folder would hold its own key.
 * The passphrase itself is never stored; restoring on another computer asks for it.
 */
interface KeyFile extends KdfParams {
  version: 1
  key: string // base64
}

export function keyFilePath(databaseFile: string): string {
  return join(dirname(databaseFile), 'backup-key.json')
}

export interface BackupKey {
  key: Buffer
  kdf: KdfParams
}

export function readBackupKey(databaseFile: string): BackupKey | null {
  const path = keyFilePath(databaseFile)
  if (!existsSync(path)) return null
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as KeyFile
  const { salt, N, r, p } = parsed
  return { key: Buffer.from(parsed.key, 'base64'), kdf: { salt, N, r, p } }
}

export async function saveBackupPassphrase(
  databaseFile: string,
  passphrase: string,
): Promise<void> {
  const kdf = newKdfParams()
  const key = await deriveKey(passphrase, kdf)
  const content: KeyFile = { version: 1, ...kdf, key: key.toString('base64') }
  const path = keyFilePath(databaseFile)
  writeFileSync(`${path}.part`, JSON.stringify(content), { mode: 0o600 })
  renameSync(`${path}.part`, path)
}

export function forgetBackupPassphrase(databaseFile: string): void {
  rmSync(keyFilePath(databaseFile), { force: true })
}
