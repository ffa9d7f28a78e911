import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CLIENT_DERIVED_TABLES, CLIENT_OWNED_TABLES } from '../../src/main/services/clients/merge'
import { blobPath } from '../../src/main/services/notes/attachments'
import { aClient } from '../fixtures/clients'
import { aMark, aNote, aTherapistAccount, callOk } from '../fixtures/notes'
import { aSession, openTempCore } from '../fixtures/temp-core'

// A signed note is unalterable (migration 0300), with two exceptions checked in the
// database by migration 0600: a client merge moves it, and anonymising erases its text.

type Core = Awaited<ReturnType<typeof openTempCore>>
let core: Core
let clock = new Date('2026-11-25T10:00:00Z')
const owner = aSession('owner')
beforeEach(async () => {
  clock = new Date('2026-11-25T10:00:00Z')
  core = await openTempCore({ now: () => clock })
})
afterEach(async () => {
  await core.dispose()
})

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('a photo of the left calf'),
])

async function twoRecordsWithNotes() {
  const sam = await aTherapistAccount(core, 'Sam')
  const kept = await aClient().named('Katie', 'Morgan').withMobile('07911 123456').in(core)
  const dup = await aClient().named('Kate', 'Morgan').withMobile('07400 555666').in(core)
  const signed = await aNote(core, sam.session, dup.id)
    .withSection('subjective', 'Hamstring tightness after the parkrun')
    .withPain(7, 3)
    .withMark(aMark())
    .signed()
    .in()
  await callOk(
    core,
    'notes.addAddendum',
    { noteId: signed.id, body: 'Calf also tender' },
    sam.session,
  )
  const draft = await aNote(core, sam.session, dup.id)
    .withSection('subjective', 'Gastrocnemius strain, week two')
    .in()
  return { sam, kept, dup, signed, draft }
}

const noteIdsOf = async (clientId: number) =>
  (await callOk(core, 'notes.listForClient', { clientId }, owner)).map((n) => n.id).sort()
const searchNotes = async (clientId: number, query: string) =>
  (await callOk(core, 'notes.search', { clientId, query }, owner)).map((r) => r.id)

describe('merging clients moves their treatment notes', () => {
  it('moves signed and draft notes to the kept record, searchable there, and back on undo', async () => {
    const { kept, dup, signed, draft } = await twoRecordsWithNotes()
    const { mergeId } = await callOk(
      core,
      'clients.merge',
      { keepId: kept.id, mergeId: dup.id, take: [] },
      owner,
    )
    expect(await noteIdsOf(kept.id)).toEqual([signed.id, draft.id].sort())
    expect(await noteIdsOf(dup.id)).toEqual([])
    expect(await searchNotes(kept.id, 'parkrun')).toEqual([signed.id])
    expect(await searchNotes(dup.id, 'parkrun')).toEqual([])
    // Moved, not changed: the signed note reads exactly as signed, addendum included.
    const moved = await callOk(core, 'notes.get', { id: signed.id }, owner)
    expect(moved).toMatchObject({
      clientId: kept.id,
      signed: signed.signed,
      sections: { subjective: 'Hamstring tightness after the parkrun' },
    })
    expect(moved.addenda.map((a) => a.body)).toEqual(['Calf also tender'])

    await callOk(core, 'clients.undoMerge', { mergeId }, owner)
    expect(await noteIdsOf(dup.id)).toEqual([signed.id, draft.id].sort())
    expect(await noteIdsOf(kept.id)).toEqual([])
    expect(await searchNotes(dup.id, 'gastrocnemius')).toEqual([draft.id])
    expect(await searchNotes(kept.id, 'gastrocnemius')).toEqual([])
  })

  it('lets the database move a signed note only between a record and the one merged into it', async () => {
    const { kept, dup, signed } = await twoRecordsWithNotes()
    const stranger = await aClient().named('Someone', 'Else').withMobile('07400 555777').in(core)
    const move = (to: number) =>
      sql`UPDATE notes SET client_id = ${to} WHERE id = ${signed.id}`.execute(core.db)
    await expect(move(stranger.id)).rejects.toThrow(/signed note cannot be changed/)
    await expect(move(kept.id)).rejects.toThrow(/signed note cannot be changed/)

    await core.db
      .updateTable('clients')
      .set({ merged_into_id: kept.id })
      .where('id', '=', dup.id)
      .execute()
    // Merged: moving is allowed, but never together with a change to any other column.
    const columns = await sql<{
      name: string
    }>`SELECT name FROM pragma_table_info('notes')`.execute(core.db)
    const others = columns.rows.map((c) => c.name).filter((c) => c !== 'id' && c !== 'client_id')
    expect(others.length).toBeGreaterThan(20)
    for (const column of others) {
      await expect(
        sql`UPDATE notes SET client_id = ${kept.id}, ${sql.ref(column)} = 'tampered'
            WHERE id = ${signed.id}`.execute(core.db),
        column,
      ).rejects.toThrow(/signed note cannot be changed/)
    }
    await move(kept.id)
    await expect(move(stranger.id)).rejects.toThrow(/signed note cannot be changed/)
  })
})

describe('what a merge moves', () => {
  it('covers every table that has rows belonging to a client', async () => {
    // A table added later (invoices, say) with a client_id fails here until the merge moves it.
    const tables = await sql<{ name: string }>`
      SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c
      WHERE m.type = 'table' AND c.name = 'client_id' ORDER BY m.name`.execute(core.db)
    expect(tables.rows.map((t) => t.name)).toEqual(
      [...CLIENT_OWNED_TABLES.map((t) => t.table), ...CLIENT_DERIVED_TABLES].sort(),
    )
  })
})

describe('anonymising a client erases the clinical text of their notes', () => {
  it('empties signed and draft notes, addenda, attachments and the search index, keeping the figures', async () => {
    const { sam, dup, signed, draft } = await twoRecordsWithNotes()
    await callOk(
      core,
      'notes.addAttachment',
      { noteId: draft.id, filename: 'calf.png', base64: PNG.toString('base64') },
      sam.session,
    )
    const [attachment] = await core.db.selectFrom('note_attachments').select('sha256').execute()
    const file = blobPath(join(core.dir, 'attachments'), attachment!.sha256)
    expect(existsSync(file)).toBe(true)

    await callOk(core, 'retention.anonymise', { clientId: dup.id }, owner)

    const rows = await core.db
      .selectFrom('notes')
      .selectAll()
      .where('client_id', '=', dup.id)
      .orderBy('id')
      .execute()
    expect(rows).toHaveLength(2)
    for (const row of rows) {
      expect(row).toMatchObject({
        sections: '{}',
        areas: '',
        response: '',
        aftercare: '',
        home_exercises: '',
        body_marks: '[]',
      })
    }
    // Kept for the clinic's figures: when, by whom, the template and the pain scores.
    expect(rows[0]).toMatchObject({
      id: signed.id,
      signed_at: signed.signed!.at,
      pain_before: 7,
      pain_after: 3,
      template_name: 'Follow-up (SOAP)',
    })
    const addenda = await core.db.selectFrom('note_addenda').select('body').execute()
    expect(addenda).toEqual([{ body: '' }])
    expect(await core.db.selectFrom('note_attachments').selectAll().execute()).toEqual([])
    expect(existsSync(file)).toBe(false)
    const indexed = await sql<{ n: number }>`SELECT count(*) AS n FROM notes_search
                                            WHERE notes_search MATCH 'parkrun OR gastrocnemius'`.execute(
      core.db,
    )
    expect(indexed.rows[0]!.n).toBe(0)
  })

  it('still refuses to rewrite a signed note, even of an anonymised client, to anything but empty', async () => {
    const { dup, signed } = await twoRecordsWithNotes()
    await callOk(core, 'retention.anonymise', { clientId: dup.id }, owner)
    await expect(
      sql`UPDATE notes SET areas = 'something new' WHERE id = ${signed.id}`.execute(core.db),
    ).rejects.toThrow(/signed note cannot be changed/)
    await expect(
      sql`UPDATE notes SET pain_after = 9 WHERE id = ${signed.id}`.execute(core.db),
    ).rejects.toThrow(/signed note cannot be changed/)
    await expect(sql`UPDATE note_addenda SET body = 'rewritten'`.execute(core.db)).rejects.toThrow(
      /addendum cannot be changed/,
    )
    await expect(sql`DELETE FROM notes WHERE id = ${signed.id}`.execute(core.db)).rejects.toThrow(
      /signed note cannot be deleted/,
    )
  })

  it('cannot erase a signed note of a client who is not anonymised', async () => {
    const { signed } = await twoRecordsWithNotes()
    await expect(
      sql`UPDATE notes SET sections = '{}', areas = '', pressure = '', response = '',
          aftercare = '', home_exercises = '', next_session = '', body_marks = '[]'
          WHERE id = ${signed.id}`.execute(core.db),
    ).rejects.toThrow(/signed note cannot be changed/)
    await expect(sql`UPDATE note_addenda SET body = ''`.execute(core.db)).rejects.toThrow(
      /addendum cannot be changed/,
    )
  })
})
