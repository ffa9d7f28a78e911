import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import type { Actor } from '../actor'
import { DomainError } from '../domain-error'
import { unreferencedAttachments } from '../../db/attachment-references'
import { readBlob, storeBlob } from '../notes/attachments'

/**
 * Keeps a copy of a PDF made for a client (an aftercare sheet, a letter) on their record:
 * the bytes in the attachments store by content hash (`storeBlob`, written before the row so
 * a row never names a missing file), the row in `client_documents`.
 */
/** A kept PDF as the screen gets it: to download, with the record's document id. */
export interface KeptPdf {
  filename: string
  base64: string
  documentId: number
}

export async function keepClientDocument(
  db: Kysely<DB>,
  attachmentsDir: string,
  actor: Actor,
  doc: {
    clientId: number
    kind: 'aftercare' | 'letter'
    title: string
    filename: string
    bytes: Uint8Array
    noteId: number | null
  },
  now: Date,
): Promise<KeptPdf> {
  const data = Buffer.from(doc.bytes)
  const sha256 = storeBlob(attachmentsDir, data)
  const row = await db
    .insertInto('client_documents')
    .values({
      client_id: doc.clientId,
      kind: doc.kind,
      title: doc.title,
      filename: doc.filename,
      sha256,
      size: data.length,
      note_id: doc.noteId,
      created_at: now.toISOString(),
      created_by: actor.userId,
      created_by_name: actor.displayName,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { filename: doc.filename, base64: data.toString('base64'), documentId: row.id }
}

/** A client's kept documents, newest first. */
export async function listClientDocuments(db: Kysely<DB>, clientId: number) {
  const rows = await db
    .selectFrom('client_documents')
    .select(['id', 'kind', 'title', 'filename', 'size', 'created_at', 'created_by_name'])
    .where('client_id', '=', clientId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    filename: r.filename,
    size: r.size,
    createdAt: r.created_at,
    createdBy: r.created_by_name,
  }))
}

/**
 * Removes a client's kept documents (anonymising or deleting the record) and returns the
 * content hashes no longer named by any document, note attachment or exercise picture: the
 * caller removes those files once the change has committed.
 */
export async function dropClientDocuments(db: Kysely<DB>, clientId: number): Promise<string[]> {
  const docs = await db
    .selectFrom('client_documents')
    .select('sha256')
    .distinct()
    .where('client_id', '=', clientId)
    .execute()
  await db.deleteFrom('client_documents').where('client_id', '=', clientId).execute()
  return unreferencedAttachments(
    db,
    docs.map((d) => d.sha256),
  )
}

/** A kept document's bytes (checked against their hash). Errors: not_found, conflict. */
export async function readClientDocument(db: Kysely<DB>, attachmentsDir: string, id: number) {
  const row = await db
    .selectFrom('client_documents')
    .select(['client_id', 'filename', 'sha256'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) throw new DomainError('not_found', 'No such document.')
  return {
    clientId: row.client_id,
    filename: row.filename,
    data: readBlob(attachmentsDir, row.sha256),
  }
}
