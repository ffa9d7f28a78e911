import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { z } from 'zod'
import type { DeskCredentials } from './desk-client'
import type { DeskStore } from './link-shell'

/** Encrypts at rest: Electron's safeStorage (the OS keystore) in the app. */
export interface Cipher {
  encrypt(plain: string): Buffer
  decrypt(sealed: Buffer): string
}

const stored = z.object({
  url: z.string(),
  certPem: z.string(),
  fingerprint: z.string(),
  token: z.string(),
  deskName: z.string(),
  clinicName: z.string(),
})

/**
 * A desk's pairing in one file beside its settings, sealed by `cipher`: the credential is
 * as good as a key to the clinic's door, so it is never written in the clear. A file that
 * cannot be opened (another user's keystore, damage) reads as "not paired".
 */
export function fileDeskStore(path: string, cipher: Cipher): DeskStore {
  return {
    load(): DeskCredentials | null {
      if (!existsSync(path)) return null
      try {
        return stored.parse(JSON.parse(cipher.decrypt(readFileSync(path))))
      } catch {
        return null
      }
    },
    save(credentials) {
      // Written aside, then renamed: a crash mid-write never leaves half a pairing.
      writeFileSync(`${path}.new`, cipher.encrypt(JSON.stringify(credentials)), { mode: 0o600 })
      renameSync(`${path}.new`, path)
    },
    clear() {
      rmSync(path, { force: true })
    },
  }
}

/** Memory only: a browser desk (serve:web --join) and tests. */
export function memoryDeskStore(initial: DeskCredentials | null = null): DeskStore {
  let held = initial
  return {
    load: () => held,
    save: (credentials) => {
      held = credentials
    },
    clear: () => {
      held = null
    },
  }
}
