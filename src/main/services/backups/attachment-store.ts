import { createHmac, randomUUID } from 'node:crypto'
import { copyFile } from 'node:fs/promises'
import {
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs'
import { dirname, join } from 'node:path'
import { blobPath } from '../notes/attachments'
import { sha256Of } from './file-hash'
import { decryptFile, encryptFile, type KdfParams } from './encryption'
import { copyDurably, syncFile } from './durable-copy'

/**
 * Note attachments live outside the database, once each under their SHA-256, in
 * `attachments/` beside it. A backup keeps its own content-addressed copy of every file its
 * database refers to, in `attachments/` inside the backup folder, shared by all the backups
 * there: a file is copied the first time a backup needs it and never again (attachments
 * never change), so a backup every 30 minutes costs only the files added since the last.
 * When backups are encrypted each file is encrypted on its own with AES-256-GCM under a key
 * derived from the backup's (backup-keying.ts), and named by an HMAC of its hash under it: the
 * folder does not show which files (whose hashes someone holding a copy could compute) it
 * has, and a new passphrase writes new copies instead of overwriting those older backups need.
 * Restoring finds a backup's files from its own database, once decrypted.
 */
export const STORE_FOLDER = 'attachments'

/** The live attachments folder of a database file (the notes service writes there). */
export function attachmentsDirOf(databaseFile: string): string {
  return join(dirname(databaseFile), 'attachments')
}

/** What a backup's manifest says about its attachments. */
export interface AttachmentsManifest {
  /** Files referenced by the backup's database and copied into the store. */
  count: number
  /** Their size as stored (encrypted size when encrypted). */
  bytes: number
  /** The store files it needs, relative to the backup folder (what rotation keeps). */
  files: string[]
  /** Referenced by the database but absent from the live folder when the backup was taken,
   * or there but no longer matching its hash (changed or damaged on disk). */
  missing: number
}

/** The store's file for one attachment: by content, or by a keyed HMAC of it when encrypted. */
export function storePathOf(sha256: string, key: Buffer | null): string {
  if (!key) return join(STORE_FOLDER, sha256.slice(0, 2), sha256)
  const name = createHmac('sha256', key).update(sha256).digest('hex')
  return join(STORE_FOLDER, name.slice(0, 2), `${name}.enc`)
}

export interface CopyAttachmentsOptions {
  hashes: string[]
  /** The live attachments folder. */
  from: string
  /** The backup folder (the store is a folder inside it). */
  folder: string
  /** The backup's attachment key; kdf when it came from a passphrase. */
  key: { key: Buffer; kdf: KdfParams | null } | null
  /** Local scratch space: an encrypted copy is decrypted here to be checked. */
  workDir: string
}

/**
 * Copies into the store every referenced attachment it does not hold yet, checking each new
 * copy against its hash as written (decrypting it first when encrypted). Files already in
 * the store were checked when they were written and are not read again.
 */
export async function copyAttachmentsToStore(
  options: CopyAttachmentsOptions,
): Promise<AttachmentsManifest> {
  const { hashes, from, folder, key, workDir } = options
  const manifest: AttachmentsManifest = { count: 0, bytes: 0, files: [], missing: 0 }
  for (const sha256 of hashes) {
    const source = blobPath(from, sha256)
    if (!existsSync(source)) {
      manifest.missing++
      continue
    }
    const relative = storePathOf(sha256, key?.key ?? null)
    const target = join(folder, relative)
    if (!existsSync(target) || truncated(target, source, key !== null)) {
      mkdirSync(dirname(target), { recursive: true })
      const part = `${target}.part`
      rmSync(part, { force: true })
      try {
        if (key) {
          await encryptFile(source, part, key.key, key.kdf)
          await syncFile(part)
        } else await copyDurably(source, part, constants.COPYFILE_EXCL)
        const written = await plaintextHashOf(part, key?.key ?? null, workDir)
        if (written !== sha256) {
          // A photo changed or damaged in the live folder must not stop the records being
          // backed up: it is listed as missing. A good file copied wrongly is the backup
          // folder's fault, and fails the backup.
          if ((await sha256Of(source)) !== sha256) {
            manifest.missing++
            continue
          }
          throw new Error(`The copy of attachment ${sha256.slice(0, 12)}… does not match it.`)
        }
        renameSync(part, target) // replaces a truncated copy in one step
      } finally {
        rmSync(part, { force: true })
      }
    }
    manifest.files.push(relative)
    manifest.count++
    manifest.bytes += statSync(target).size
  }
  return manifest
}

/**
 * A stored copy shorter than the file itself (a copy cut short on a full USB stick, say) is
 * written again. Reading every stored copy back on every backup would cost minutes on a
 * large store; a length check costs nothing, and restore checks each file's hash anyway.
 */
function truncated(stored: string, source: string, encrypted: boolean): boolean {
  // An encrypted copy adds its header and 16-byte tag to the plaintext's length.
  const least = statSync(source).size + (encrypted ? 16 : 0)
  return encrypted ? statSync(stored).size < least : statSync(stored).size !== least
}

async function plaintextHashOf(file: string, key: Buffer | null, workDir: string): Promise<string> {
  if (!key) return sha256Of(file)
  mkdirSync(workDir, { recursive: true })
  const plain = join(workDir, `${randomUUID()}.attachment`)
  try {
    await decryptFile(file, plain, key)
    return await sha256Of(plain)
  } finally {
    rmSync(plain, { force: true })
  }
}

export interface RestoreAttachmentsResult {
  /** Files put back into the live folder. */
  restored: number
  /** Files the backup should hold but that are gone or fail their hash check. */
  unusable: string[]
}

/**
 * Puts back every attachment of a backup that the live folder lacks, each checked against
 * its hash before it is moved into place. Files the live folder already has are left alone
 * (same name, same content); nothing is deleted, since other backups may refer to it.
 */
export async function restoreAttachmentsFromStore(options: {
  /** The attachments the backup's own database refers to (db/database-file.ts referencedAttachments). */
  hashes: string[]
  folder: string
  to: string
  key: Buffer | null
}): Promise<RestoreAttachmentsResult> {
  const { hashes, folder, to, key } = options
  const result: RestoreAttachmentsResult = { restored: 0, unusable: [] }
  for (const sha256 of hashes) {
    const target = blobPath(to, sha256)
    if (existsSync(target)) continue
    const stored = join(folder, storePathOf(sha256, key))
    mkdirSync(dirname(target), { recursive: true })
    const partial = `${target}.partial`
    rmSync(partial, { force: true })
    try {
      if (!existsSync(stored)) throw new Error('gone')
      if (key) await decryptFile(stored, partial, key)
      else await copyFile(stored, partial)
      if ((await sha256Of(partial)) !== sha256) throw new Error('changed')
      await syncFile(partial)
      renameSync(partial, target)
      result.restored++
    } catch {
      result.unusable.push(sha256)
    } finally {
      rmSync(partial, { force: true })
    }
  }
  return result
}

/**
 * Removes store files no remaining backup in the folder refers to (after rotation deleted
 * some backups), and copies left by a backup that was stopped half-way.
 */
export function pruneStore(folder: string, stillReferenced: Iterable<string>): string[] {
  const keep = new Set([...stillReferenced].map((p) => join(folder, p)))
  const root = join(folder, STORE_FOLDER)
  const removed: string[] = []
  let prefixes: string[]
  try {
    prefixes = readdirSync(root)
  } catch {
    return removed // no store yet
  }
  for (const prefix of prefixes) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue
    const sub = join(root, prefix)
    for (const entry of readdirSync(sub)) {
      if (!entry.startsWith(prefix)) continue // only what the store itself names
      const path = join(sub, entry)
      if (keep.has(path)) continue
      rmSync(path, { force: true })
      removed.push(path)
    }
    if (readdirSync(sub).length === 0) rmSync(sub, { recursive: true, force: true })
  }
  return removed
}

const BLOB_NAME = /^[0-9a-f]{64}$/

/**
 * Removes from the live attachments folder every file no note of the database refers to:
 * after a restore, the files of notes written since the backup (issue 12). Only files the
 * notes service names (`ab/ab…64 hex`) are touched; anything else in the folder is left.
 * The caller makes sure those files are kept elsewhere (the backup taken just before).
 *
 * @returns the hashes of the files removed
 */
export function removeUnreferencedAttachments(dir: string, referenced: Set<string>): string[] {
  const removed: string[] = []
  let prefixes: string[]
  try {
    prefixes = readdirSync(dir)
  } catch {
    return removed // no attachments yet
  }
  for (const prefix of prefixes) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue
    const sub = join(dir, prefix)
    for (const entry of readdirSync(sub)) {
      if (!BLOB_NAME.test(entry) || !entry.startsWith(prefix) || referenced.has(entry)) continue
      rmSync(join(sub, entry), { force: true })
      removed.push(entry)
    }
    if (readdirSync(sub).length === 0) rmSync(sub, { recursive: true, force: true })
  }
  return removed
}
