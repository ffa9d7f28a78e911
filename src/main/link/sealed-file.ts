import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs'
import type { z } from 'zod'
import type { Cipher } from './desk-store'

/**
 * A cipher whose AES-256-GCM key exists only in this process's memory: the browser desk
 * (`serve:web --join`) has no OS keystore. What protects its files is that the key is never
 * written anywhere; a copy of the file is unreadable without the running process, and once
 * the process ends what it kept cannot be opened by anyone (a browser desk is for tests and
 * demos; the Electron desk uses safeStorage, whose key the OS keystore holds).
 */
export function processKeyCipher(): Cipher {
  const key = randomBytes(32)
  return {
    encrypt(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body])
    },
    decrypt(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12))
      decipher.setAuthTag(sealed.subarray(12, 28))
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString(
        'utf8',
      )
    },
  }
}

/** One JSON value kept sealed on disk (or, without a path, only in memory: tests). */
export interface SealedValue<T> {
  read(): T | null
  write(value: T): void
  remove(): void
}

/**
 * A JSON value sealed by `cipher` in one file, readable by this user only. Written aside,
 * flushed to the disk, then renamed over the old one: a crash or a power cut mid-write
 * leaves the previous value, never half of one. A file that cannot be opened (another
 * user's keystore, a browser desk's earlier run, damage) reads as nothing kept.
 */
export function sealedFile<T>(path: string | null, cipher: Cipher, schema: z.ZodType<T>) {
  let held: T | null = null
  const value: SealedValue<T> = {
    read() {
      if (path === null) return held
      if (!existsSync(path)) return null
      try {
        return schema.parse(JSON.parse(cipher.decrypt(readFileSync(path))))
      } catch {
        return null
      }
    },
    write(next) {
      if (path === null) {
        held = next
        return
      }
      const sealed = cipher.encrypt(JSON.stringify(next))
      const fd = openSync(`${path}.new`, 'w', 0o600)
      try {
        writeSync(fd, sealed)
        fsyncSync(fd)
      } finally {
        closeSync(fd)
      }
      renameSync(`${path}.new`, path)
    },
    remove() {
      held = null
      if (path !== null) rmSync(path, { force: true })
    },
  }
  return value
}
