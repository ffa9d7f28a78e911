import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import type { Actor } from '../actor'
import { DomainError } from '../domain-error'

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

/** What may be attached, recognised by the file's first bytes, never by its name alone. */
const KINDS: { mime: string; label: string; magic: number[] }[] = [
  {
    mime: 'image/png',
    label: 'PNG image',
    magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  },
  { mime: 'image/jpeg', label: 'JPEG photo', magic: [0xff, 0xd8, 0xff] },
  { mime: 'application/pdf', label: 'PDF', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
]

const EXECUTABLE_MAGIC: number[][] = [
  [0x4d, 0x5a], // Windows .exe / .dll
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0xcf, 0xfa, 0xed, 0xfe], // Mach-O
  [0x23, 0x21], // #! script
]
const EXECUTABLE_NAME = /\.(exe|dll|bat|cmd|com|msi|ps1|sh|js|vbs|scr|app|jar)$/i

const startsWith = (data: Buffer, magic: number[]) => magic.every((b, i) => data[i] === b)

/** Type and size checks with messages a therapist can act on. */
export function checkAttachment(filename: string, data: Buffer): { mime: string } {
  if (data.length === 0) throw new DomainError('rule_broken', 'That file is empty.')
  if (data.length > MAX_ATTACHMENT_BYTES) {
    const mb = (data.length / 1024 / 1024).toFixed(1)
    throw new DomainError(
      'rule_broken',
      `That file is ${mb} MB; attachments can be at most 10 MB. Try a smaller photo or scan.`,
    )
  }
  if (EXECUTABLE_NAME.test(filename) || EXECUTABLE_MAGIC.some((m) => startsWith(data, m))) {
    throw new DomainError('rule_broken', 'Programs and scripts cannot be attached to a note.')
  }
  const kind = KINDS.find((k) => startsWith(data, k.magic))
  if (!kind) {
    throw new DomainError(
      'rule_broken',
      'Only photos (JPEG, PNG) and PDF documents can be attached.',
    )
  }
  return { mime: kind.mime }
}

/**
 * Stored once per content: the same GP letter attached twice is one file. Written to
 * `<hash>.partial` and renamed, so a file under its hash is always whole; a write that
 * fails (a full disk) removes its `.partial` and throws, and the router reports ENOSPC as
 * disk_full.
 */
export function storeBlob(dir: string, data: Buffer): string {
  const sha256 = createHash('sha256').update(data).digest('hex')
  const folder = join(dir, sha256.slice(0, 2))
  const path = join(folder, sha256)
  if (!existsSync(path)) {
    mkdirSync(folder, { recursive: true })
    const partial = `${path}.partial`
    try {
      writeFileSync(partial, data, { flush: true })
      renameSync(partial, path)
    } catch (error) {
      rmSync(partial, { force: true })
      throw error
    }
  }
  return sha256
}

export function blobPath(dir: string, sha256: string): string {
  return join(dir, sha256.slice(0, 2), sha256)
}

/**
 * The stored bytes, checked against the hash they were stored under: a file changed or
 * damaged on disk is refused rather than shown as if it were the clinical record.
 */
export function readBlob(dir: string, sha256: string): Buffer {
  const path = blobPath(dir, sha256)
  if (!existsSync(path)) {
    throw new DomainError(
      'not_found',
      'The file for this attachment is missing from the attachments folder on this computer.',
    )
  }
  const data = readFileSync(path)
  if (createHash('sha256').update(data).digest('hex') !== sha256) {
    throw new DomainError(
      'conflict',
      'This attachment’s file has been changed or damaged since it was attached (its content hash no longer matches), so Plinth will not show it.',
    )
  }
  return data
}

export async function requireAttachment(db: Kysely<DB>, id: number) {
  const row = await db
    .selectFrom('note_attachments')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw new DomainError('not_found', 'That attachment no longer exists.')
  return row
}

export async function addAttachment(
  db: Kysely<DB>,
  dir: string,
  session: Actor,
  input: { noteId: number; filename: string; base64: string },
  now: Date,
): Promise<void> {
  const note = await db
    .selectFrom('notes')
    .select(['author_user_id', 'signed_at'])
    .where('id', '=', input.noteId)
    .executeTakeFirst()
  if (!note) throw new DomainError('not_found', 'That note no longer exists.')
  if (note.signed_at !== null) {
    throw new DomainError('conflict', 'This note is signed; attach files before signing.')
  }
  if (note.author_user_id !== session.userId) {
    throw new DomainError('forbidden', 'Only the person who started this note can change it.')
  }
  const data = Buffer.from(input.base64, 'base64')
  const { mime } = checkAttachment(input.filename, data)
  const sha256 = storeBlob(dir, data)
  await db
    .insertInto('note_attachments')
    .values({
      note_id: input.noteId,
      sha256,
      filename: input.filename,
      mime,
      size: data.length,
      added_at: now.toISOString(),
      added_by: session.userId,
      added_by_name: session.displayName,
    })
    .execute()
}
