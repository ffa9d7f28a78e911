import type Database from 'better-sqlite3'
import type { Kysely } from 'kysely'
import type { DB } from './schema'

/**
 * Every column that names a file in the attachment store (`attachments/` beside the
 * database) by its SHA-256. The store is content-addressed and shared: a photo attached to a
 * note, an exercise's picture and a kept letter can be the very same file. So a file may be
 * removed only when none of these columns names it any more, and a backup must carry every
 * file any of them names. A test loops over the schema (tests/integration/
 * attachment-references.test.ts): a new `*sha256` column that is not listed here fails it.
 */
export const ATTACHMENT_REFERENCES = [
  { table: 'note_attachments', column: 'sha256' },
  { table: 'client_documents', column: 'sha256' },
  { table: 'exercises', column: 'picture_sha256' },
] as const

type Ref = (typeof ATTACHMENT_REFERENCES)[number]

function namedBy(db: Kysely<DB>, ref: Ref, hashes: readonly string[] | null) {
  // Kysely cannot type a table and column picked from a list; each pair is a real one.
  const q = db
    .selectFrom(ref.table as 'note_attachments')
    .select(`${ref.column} as sha256` as 'sha256')
    .distinct()
    .where(ref.column as 'sha256', 'is not', null)
  return hashes ? q.where(ref.column as 'sha256', 'in', hashes) : q
}

/**
 * Of `hashes` (files a change has just stopped naming), those no column names any more: the
 * caller removes them once its transaction has committed (HandlerContext.afterCommit).
 * Run inside the same transaction as the change.
 */
export async function unreferencedAttachments(
  db: Kysely<DB>,
  hashes: readonly string[],
): Promise<string[]> {
  const wanted = [...new Set(hashes)]
  if (wanted.length === 0) return []
  const used = new Set<string>()
  for (const ref of ATTACHMENT_REFERENCES) {
    for (const r of await namedBy(db, ref, wanted).execute()) used.add(r.sha256)
  }
  return wanted.filter((h) => !used.has(h))
}

/** Every file the clinic's records name (restore's clean-up keeps exactly these). */
export async function allReferencedAttachments(db: Kysely<DB>): Promise<Set<string>> {
  const used = new Set<string>()
  for (const ref of ATTACHMENT_REFERENCES) {
    for (const r of await namedBy(db, ref, null).execute()) used.add(r.sha256)
  }
  return used
}

/**
 * The same through a raw connection (a backup's snapshot, opened read-only off the main
 * thread); a table the file does not have yet (an older backup) names nothing.
 */
export function referencedAttachmentsRaw(sqlite: Database.Database): string[] {
  const used = new Set<string>()
  for (const ref of ATTACHMENT_REFERENCES) {
    const exists = sqlite
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`)
      .get(ref.table)
    if (!exists) continue
    const rows = sqlite
      .prepare(
        `SELECT DISTINCT ${ref.column} AS sha256 FROM ${ref.table} WHERE ${ref.column} IS NOT NULL`,
      )
      .all() as { sha256: string }[]
    for (const r of rows) used.add(r.sha256)
  }
  return [...used].sort()
}
