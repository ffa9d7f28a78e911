import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { blobPath } from '../../src/main/services/notes/attachments'
import { aClient } from '../fixtures/clients'
import { aNote, aTherapistAccount, callOk } from '../fixtures/notes'
import { pdfTextOf } from '../fixtures/pdf-text'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

type Core = Awaited<ReturnType<typeof openTempCore>>
let core: Core
const clock = new Date('2026-06-17T09:00:00Z')
const owner = aSession('owner')
beforeEach(async () => {
  core = await openTempCore({ now: () => clock })
})
afterEach(async () => {
  await core.dispose()
})

const picture = readFileSync(resolve('tests/fixtures/files/posture.png'))
const OUT = resolve('test-results/aftercare')

async function aSheet() {
  const sam = await aTherapistAccount(core, 'Sam')
  const client = await aClient().named('Zoë', 'Błaszczyk-Ŵyn').in(core)
  const stretch = await callOk(
    core,
    'exercises.save',
    {
      name: 'Standing hamstring stretch',
      instructions:
        'Heel on a low step, knee straight, lean forward from the hips. Hold 30 s, 3 times each side.',
      picture: { filename: 'posture.png', base64: picture.toString('base64') },
    },
    owner,
  )
  const bridge = await callOk(
    core,
    'exercises.save',
    { name: 'Glute bridge', instructions: 'Lie on your back, knees bent; lift the hips. 3 × 12.' },
    owner,
  )
  const note = await aNote(core, sam.session, client.id)
    .withSection('subjective', 'Tight hamstrings after the 10k')
    .with({
      aftercare: 'Drink water and keep tomorrow’s run easy (no hills).',
      homeExercises: 'Foam roll the calves for two minutes each evening.',
    })
    .signed()
    .in()
  return { sam, client, stretch, bridge, note }
}

describe('the aftercare and stretching sheet', () => {
  it('prints the note’s advice and the picked exercises with the client’s name as typed', async () => {
    const { sam, client, stretch, bridge, note } = await aSheet()
    const sheet = await callOk(
      core,
      'documents.aftercareSheet',
      { noteId: note.id, exerciseIds: [stretch.id, bridge.id] },
      sam.session,
    )
    const text = pdfTextOf(Buffer.from(sheet.base64, 'base64'), OUT, 'aftercare-sheet', {
      dpi: 60,
    })
    expect(text).toContain('Aftercare and stretching for Zoë Błaszczyk-Ŵyn')
    expect(text).toContain('keep tomorrow’s run easy')
    expect(text).toContain('Foam roll the calves')
    expect(text).toMatch(/1\. Standing hamstring stretch[\s\S]*2\. Glute bridge/)
    expect(text).toContain('Hold 30 s, 3 times each side.')
    const pdf = await PDFDocument.load(Buffer.from(sheet.base64, 'base64'))
    expect(pdf.getPageCount()).toBe(1)

    // A copy is kept on the record, byte for byte, and opening it is audited.
    const docs = await callOk(core, 'documents.list', { clientId: client.id }, sam.session)
    expect(docs).toMatchObject([{ id: sheet.documentId, kind: 'aftercare', createdBy: 'Sam' }])
    const kept = await callOk(core, 'documents.get', { id: sheet.documentId }, owner)
    expect(kept.base64).toBe(sheet.base64)
    const audit = await core.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', 'like', 'documents.%')
      .execute()
    expect(audit.map((a) => a.summary)).toEqual([
      `Made aftercare sheet #${sheet.documentId} from treatment note #${note.id}`,
      `Opened document #${sheet.documentId}`,
    ])
  })

  it('is the clinical roles’ only: reception can neither make nor list one; the owner keeps the library', async () => {
    const { client, note, sam } = await aSheet()
    const reception = aSession('reception')
    expect(
      await call(core, 'documents.aftercareSheet', { noteId: note.id }, reception),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    expect(await call(core, 'documents.list', { clientId: client.id }, reception)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    expect(await call(core, 'exercises.save', { name: 'Calf raise' }, sam.session)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    const notAPicture = await call(
      core,
      'exercises.save',
      {
        name: 'Calf raise',
        picture: {
          filename: 'x.pdf',
          base64: readFileSync(resolve('tests/fixtures/files/gp-letter.pdf')).toString('base64'),
        },
      },
      owner,
    )
    expect(notAPicture).toMatchObject({ ok: false, error: { code: 'rule_broken' } })
  })

  it('removes the kept sheet and its file when the record is anonymised', async () => {
    const { client, note, sam } = await aSheet()
    const sheet = await callOk(core, 'documents.aftercareSheet', { noteId: note.id }, sam.session)
    const row = await core.db
      .selectFrom('client_documents')
      .select('sha256')
      .where('id', '=', sheet.documentId)
      .executeTakeFirstOrThrow()
    const file = blobPath(join(core.dir, 'attachments'), row.sha256)
    expect(existsSync(file)).toBe(true)
    await callOk(core, 'retention.anonymise', { clientId: client.id }, owner)
    expect(await core.db.selectFrom('client_documents').select('id').execute()).toEqual([])
    expect(existsSync(file)).toBe(false)
  })
})
