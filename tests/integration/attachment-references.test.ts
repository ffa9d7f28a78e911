import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  allReferencedAttachments,
  ATTACHMENT_REFERENCES,
  referencedAttachmentsRaw,
} from '../../src/main/db/attachment-references'
import type { Session } from '../../src/main/rpc/context'
import { blobPath } from '../../src/main/services/notes/attachments'
import { aClient } from '../fixtures/clients'
import { aNote, aTherapistAccount, callOk } from '../fixtures/notes'
import { aSession, openTempCore } from '../fixtures/temp-core'

// The attachment store is shared and content-addressed: a note's photo, an exercise's picture
// and a kept letter can be the same file. None of them may take a file another still names.

const POSTURE_PNG = readFileSync(resolve('tests/fixtures/files/posture.png'))
const KNEE_JPG = readFileSync(resolve('tests/fixtures/files/knee.jpg'))
const owner = aSession('owner')

let core: Awaited<ReturnType<typeof openTempCore>>
let sam: Session
beforeEach(async () => {
  core = await openTempCore({ now: () => new Date('2026-06-17T09:00:00Z') })
  sam = (await aTherapistAccount(core, 'Sam')).session
})
afterEach(async () => {
  await core.dispose()
})

const fileOf = (sha: string) => blobPath(join(core.dir, 'attachments'), sha)

/** A draft note (attachments go on drafts) with one photo. */
async function aNoteWithPhoto(picture: Buffer) {
  const client = await aClient().named('Ravi', 'Patel').in(core)
  const note = await aNote(core, sam, client.id).withSection('subjective', 'Calf tight').in()
  const withPhoto = await callOk(
    core,
    'notes.addAttachment',
    { noteId: note.id, filename: 'photo.png', base64: picture.toString('base64') },
    sam,
  )
  const sha = withPhoto.attachments.at(-1)!.sha256
  return { client, note, sha }
}

async function anExerciseWith(picture: Buffer) {
  const ex = await callOk(
    core,
    'exercises.save',
    {
      name: 'Calf raise',
      instructions: 'Rise onto the toes, 3 × 15.',
      picture: { filename: 'calf.png', base64: picture.toString('base64') },
    },
    owner,
  )
  const row = await core.db
    .selectFrom('exercises')
    .select('picture_sha256')
    .where('id', '=', ex.id)
    .executeTakeFirstOrThrow()
  return { ex, sha: row.picture_sha256! }
}

describe('the shared attachment store', () => {
  it('lists every column of the schema that names a stored file by its hash', () => {
    const tables = core.sqlite
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      .all() as { name: string }[]
    const hashColumns: string[] = []
    for (const { name } of tables) {
      for (const col of core.sqlite.pragma(`table_info(${JSON.stringify(name)})`) as {
        name: string
      }[]) {
        if (/sha256$/i.test(col.name)) hashColumns.push(`${name}.${col.name}`)
      }
    }
    // Backups and the database file's own checksum are not files in the store.
    const notStore = new Set(['backups_log.database_sha256'])
    expect(hashColumns.filter((c) => !notStore.has(c)).sort()).toEqual(
      ATTACHMENT_REFERENCES.map((r) => `${r.table}.${r.column}`).sort(),
    )
  })

  it('keeps an exercise’s picture when a client whose note has the same photo is anonymised', async () => {
    const { sha: pictureSha } = await anExerciseWith(POSTURE_PNG)
    const { client, sha } = await aNoteWithPhoto(POSTURE_PNG)
    expect(sha).toBe(pictureSha)
    await callOk(core, 'retention.anonymise', { clientId: client.id }, owner)
    expect(
      await core.db.selectFrom('note_attachments').select('id').execute(),
      'the note’s attachment row is gone',
    ).toEqual([])
    expect(existsSync(fileOf(sha)), 'the exercise still names the file').toBe(true)
  })

  it('removes the photo’s file on anonymising when nothing else names it', async () => {
    await anExerciseWith(POSTURE_PNG)
    const { client, sha } = await aNoteWithPhoto(KNEE_JPG)
    await callOk(core, 'retention.anonymise', { clientId: client.id }, owner)
    expect(existsSync(fileOf(sha))).toBe(false)
  })

  it('keeps an exercise’s picture when a draft note with the same photo is discarded', async () => {
    const { sha } = await anExerciseWith(POSTURE_PNG)
    const { note } = await aNoteWithPhoto(POSTURE_PNG)
    await callOk(core, 'notes.discardDraft', { id: note.id }, sam)
    expect(existsSync(fileOf(sha))).toBe(true)
  })

  it('keeps a note’s photo when an exercise’s identical picture is replaced or removed', async () => {
    const { sha } = await aNoteWithPhoto(POSTURE_PNG)
    const { ex } = await anExerciseWith(POSTURE_PNG)
    await callOk(
      core,
      'exercises.save',
      {
        id: ex.id,
        name: ex.name,
        instructions: ex.instructions,
        picture: { filename: 'knee.jpg', base64: KNEE_JPG.toString('base64') },
      },
      owner,
    )
    expect(existsSync(fileOf(sha)), 'the note still names the file').toBe(true)
    const knee = await core.db
      .selectFrom('exercises')
      .select('picture_sha256')
      .where('id', '=', ex.id)
      .executeTakeFirstOrThrow()
    // The knee picture is named by the exercise only: removing it removes the file.
    await callOk(
      core,
      'exercises.save',
      { id: ex.id, name: ex.name, instructions: ex.instructions, picture: null },
      owner,
    )
    expect(existsSync(fileOf(knee.picture_sha256!))).toBe(false)
    expect(existsSync(fileOf(sha))).toBe(true)
    const opened = await callOk(
      core,
      'notes.attachment',
      {
        id: (await core.db.selectFrom('note_attachments').select('id').executeTakeFirstOrThrow())
          .id,
      },
      sam,
    )
    expect(Buffer.from(opened.base64, 'base64').equals(POSTURE_PNG)).toBe(true)
  })

  it('counts exercise pictures and kept documents as referenced for backups and restore', async () => {
    const { sha: pictureSha } = await anExerciseWith(KNEE_JPG)
    const { client, sha: photoSha } = await aNoteWithPhoto(POSTURE_PNG)
    const signed = await aNote(core, sam, client.id)
      .withSection('subjective', 'Sore')
      .with({ aftercare: 'Rest' })
      .signed()
      .in()
    await callOk(core, 'documents.aftercareSheet', { noteId: signed.id }, sam)
    const docs = await core.db.selectFrom('client_documents').select('sha256').execute()
    expect(docs).toHaveLength(1)
    const expected = [pictureSha, photoSha, ...docs.map((d) => d.sha256)].sort()
    expect(referencedAttachmentsRaw(core.sqlite)).toEqual([...new Set(expected)].sort())
    expect([...(await allReferencedAttachments(core.db))].sort()).toEqual(
      [...new Set(expected)].sort(),
    )
  })
})
