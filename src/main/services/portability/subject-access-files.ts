import { strToU8, zipSync } from 'fflate'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import type { Actor } from '../actor'
import { readBlob } from '../notes/attachments'
import { subjectAccessRecord } from './subject-access'
import { subjectAccessPdf } from './subject-access-pdf'

/** A file name that is safe on Windows, macOS and Linux, and keeps its extension. */
function safeName(name: string): string {
  const printable = [...name].map((ch) => (ch.charCodeAt(0) < 32 ? '_' : ch)).join('')
  return printable.replace(/[\\/:*?"<>|]/g, '_').slice(0, 120) || 'file'
}

/**
 * The one action behind a subject access request: the record as a PDF to read and as JSON
 * (machine-readable, art. 20), with copies of the files attached to the client's notes,
 * in one zip for the owner to send. A file missing from the attachments folder, or changed
 * since it was attached, is named in MISSING.txt rather than silently left out.
 */
export async function subjectAccessFiles(
  db: Kysely<DB>,
  clientId: number,
  session: Actor,
  attachmentsDir: string,
  now: Date,
): Promise<{ fileName: string; base64: string; files: string[] }> {
  const { document } = await subjectAccessRecord(db, clientId, now)
  // Each file read once and checked against its hash: a missing or altered file is named,
  // in the PDF and in MISSING.txt, rather than sent as if it were the record.
  const read = new Map<string, { data: Uint8Array } | { error: string }>()
  const bytesOf = (sha256: string) => {
    let found = read.get(sha256)
    if (!found) {
      try {
        found = { data: readBlob(attachmentsDir, sha256) }
      } catch (e) {
        found = { error: e instanceof Error ? e.message : String(e) }
      }
      read.set(sha256, found)
    }
    return found
  }
  const pdf = await subjectAccessPdf(db, clientId, session, now, (a) => bytesOf(a.sha256))
  const stem = `subject-access-client-${clientId}-${now.toISOString().slice(0, 10)}`
  const files: Record<string, Uint8Array> = {
    [`${stem}.pdf`]: pdf,
    [`${stem}.json`]: strToU8(JSON.stringify(document, null, 2)),
  }
  const attachments = await db
    .selectFrom('note_attachments')
    .innerJoin('notes', 'notes.id', 'note_attachments.note_id')
    .select(['note_attachments.id', 'note_attachments.sha256', 'note_attachments.filename'])
    .where('notes.client_id', '=', clientId)
    .orderBy('note_attachments.id')
    .execute()
  const missing: string[] = []
  for (const a of attachments) {
    const file = bytesOf(a.sha256)
    if ('data' in file) files[`attachments/${a.id}-${safeName(a.filename)}`] = file.data
    else missing.push(`${a.filename}: ${file.error}`)
  }
  if (missing.length > 0) {
    files['attachments/MISSING.txt'] = strToU8(
      `These attached files are recorded on the notes but could not be included:\r\n${missing.join('\r\n')}\r\n`,
    )
  }
  // PDFs and photos are compressed already; level 6 still shrinks the JSON.
  const zip = zipSync(files, { level: 6 })
  return {
    fileName: `${stem}.zip`,
    base64: Buffer.from(zip).toString('base64'),
    files: Object.keys(files),
  }
}
