import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { UNENCRYPTED, type Keying } from '../../db/cipher'

/**
 * Seals the messaging secrets (SMTP password, SMS gateway token) before they are written to
 * the database, so they are never in it in clear: AES-256-GCM under a key derived (HKDF-SHA256)
 * from the clinic's data key, the key the OS keystore (Electron safeStorage) or the key file
 * holds for the clinic file itself (see db/clinic-keys.ts). So the secret opens wherever the
 * clinic file opens, headless host included, and a copy of the database alone reveals nothing.
 * A file restored from a passphrase backup is re-keyed; its sealed secrets then no longer
 * open, and `open` returns null: the settings screen asks for the password again.
 */
export interface SecretBox {
  seal(plain: string): string
  /** Null when this clinic key did not seal it. */
  open(sealed: string): string | null
}

const INFO = 'plinth messages secret v1'

export function secretBoxFor(key: Keying): SecretBox {
  // An unencrypted clinic file exists only in tests that read raw bytes: a process-only key
  // keeps the secret out of the file there too (it does not survive a restart).
  const base = key === UNENCRYPTED ? randomBytes(32) : Buffer.from(key)
  const derived = Buffer.from(hkdfSync('sha256', base, Buffer.alloc(0), INFO, 32))
  return {
    seal(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', derived, iv)
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return ['v1', iv, cipher.getAuthTag(), data]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64')))
        .join(':')
    },
    open(sealed) {
      const [version, iv, tag, data] = sealed.split(':')
      if (version !== 'v1' || !iv || !tag || data === undefined) return null
      try {
        const decipher = createDecipheriv('aes-256-gcm', derived, Buffer.from(iv, 'base64'))
        decipher.setAuthTag(Buffer.from(tag, 'base64'))
        return Buffer.concat([
          decipher.update(Buffer.from(data, 'base64')),
          decipher.final(),
        ]).toString('utf8')
      } catch {
        return null
      }
    },
  }
}
