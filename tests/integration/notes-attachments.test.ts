import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Session } from '../../src/main/rpc/context'
import { aCompletedAppointment, aNote, aTherapistAccount, callOk } from '../fixtures/notes'
import { aStaffMember } from '../fixtures/staff'
import { call, openTempCore } from '../fixtures/temp-core'

const fixture = (name: string) => readFileSync(resolve('tests/fixtures/files', name))
const KNEE_JPG = fixture('knee.jpg')
const POSTURE_PNG = fixture('posture.png')
const GP_LETTER = fixture('gp-letter.pdf')

let core: Awaited<ReturnType<typeof openTempCore>>
let sam: Session
let alex: Session
let reception: Session
let clientId: number
let noteId: number

beforeEach(async () => {
  core = await openTempCore({ now: () => new Date('2026-11-24T11:00:00Z') })
  const s = await aTherapistAccount(core, 'Sam')
  sam = s.session
  alex = (await aTherapistAccount(core, 'Alex')).session
  reception = await aStaffMember(core.db, 'reception')
  ;({ clientId } = await aCompletedAppointment(core, s.therapistId))
  noteId = (
    await aNote(core, sam, clientId)
      .withPain(6, 2)
      .withSection('subjective', 'Knee sore after hill reps.')
      .in()
  ).id
})
afterEach(async () => {
  await core.dispose()
})

async function attach(filename: string, data: Buffer) {
  const note = await callOk(
    core,
    'notes.addAttachment',
    { noteId, filename, base64: data.toString('base64') },
    sam,
  )
  return note.attachments.at(-1)!
}

const storedPath = (sha: string) => join(core.dir, 'attachments', sha.slice(0, 2), sha)

describe('opening an attachment', () => {
  it('gives a therapist the bytes that were attached, and writes the opening to the audit log', async () => {
    const photo = await attach('knee.jpg', KNEE_JPG)
    const opened = await callOk(core, 'notes.attachment', { id: photo.id }, alex)
    expect(opened).toMatchObject({ id: photo.id, noteId, filename: 'knee.jpg', mime: 'image/jpeg' })
    expect(Buffer.from(opened.base64, 'base64')).toEqual(KNEE_JPG)
    const audit = await core.db
      .selectFrom('audit_log')
      .select(['action', 'summary', 'user_id'])
      .where('summary', 'like', 'Opened attachment%')
      .execute()
    expect(audit).toEqual([
      {
        action: 'notes.opened',
        summary: `Opened attachment #${photo.id} of treatment note #${noteId}`,
        user_id: alex.userId,
      },
    ])
  })

  it('refuses reception, and other therapists when notes are author-only', async () => {
    const letter = await attach('gp-letter.pdf', GP_LETTER)
    const byReception = await call(core, 'notes.attachment', { id: letter.id }, reception)
    expect(!byReception.ok && byReception.error.code).toBe('forbidden')
    await core.db.updateTable('security_settings').set({ notes_author_only: 1 }).execute()
    const byAlex = await call(core, 'notes.attachment', { id: letter.id }, alex)
    expect(!byAlex.ok && byAlex.error.code).toBe('forbidden')
    expect((await call(core, 'notes.attachment', { id: letter.id }, sam)).ok).toBe(true)
  })

  it('refuses a file changed on disk after it was attached, with a clear message', async () => {
    const photo = await attach('posture.png', POSTURE_PNG)
    const tampered = Buffer.from(POSTURE_PNG)
    const at = tampered.length - 20
    tampered.writeUInt8(tampered.readUInt8(at) ^ 0xff, at)
    writeFileSync(storedPath(photo.sha256), tampered)
    const opened = await call(core, 'notes.attachment', { id: photo.id }, sam)
    expect(!opened.ok && opened.error).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/changed or damaged since it was attached/),
    })
    rmSync(storedPath(photo.sha256))
    const missing = await call(core, 'notes.attachment', { id: photo.id }, sam)
    expect(!missing.ok && missing.error.message).toMatch(/missing from the attachments folder/)
  })

  it('answers not found for an attachment that does not exist', async () => {
    const r = await call(core, 'notes.attachment', { id: 999 }, sam)
    expect(!r.ok && r.error.code).toBe('not_found')
  })
})

describe('attachments in the note PDF', () => {
  it('draws photos into the PDF scaled to fit and lists other files by name and size', async () => {
    await attach('knee.jpg', KNEE_JPG)
    await attach('posture.png', POSTURE_PNG)
    await attach('gp-letter.pdf', GP_LETTER)
    await callOk(core, 'notes.sign', { id: noteId }, sam)
    const pdf = await callOk(core, 'notes.exportPdf', { noteId }, sam)
    const bytes = Buffer.from(pdf.base64, 'base64')
    const out = resolve('test-results/notes-pdf-attachments')
    mkdirSync(out, { recursive: true })
    writeFileSync(join(out, 'note.pdf'), bytes)
    expect(
      existsSync('/usr/bin/pdftoppm'),
      'needs poppler-utils (apt-get install poppler-utils)',
    ).toBe(true)
    // Rendered for a person to look at: test-results/notes-pdf-attachments/note-1.png.
    execFileSync('/usr/bin/pdftoppm', [
      '-png',
      '-r',
      '80',
      join(out, 'note.pdf'),
      join(out, 'note'),
    ])
    const text = execFileSync('/usr/bin/pdftotext', [join(out, 'note.pdf'), '-']).toString()
    expect(text).toContain('Attachments')
    expect(text).toMatch(/knee\.jpg · JPEG photo, 4 KB · added 24 Nov 2026, 11:00 by Sam/)
    expect(text).toMatch(/posture\.png · PNG image, 4 KB/)
    expect(text).toMatch(/gp-letter\.pdf · PDF, 1 KB/)
    // Two images embedded, one per photo.
    const list = execFileSync('/usr/bin/pdfimages', ['-list', join(out, 'note.pdf')]).toString()
    const rows = list.trim().split('\n').slice(2)
    expect(rows.map((r) => r.trim().split(/\s+/).slice(3, 5))).toEqual([
      ['240', '160'],
      ['240', '160'],
    ])
  })

  it('still exports when a photo fails its hash check, and says so in the PDF', async () => {
    const photo = await attach('knee.jpg', KNEE_JPG)
    writeFileSync(storedPath(photo.sha256), Buffer.from('not the photo'))
    const pdf = await callOk(core, 'notes.exportPdf', { noteId }, sam)
    const out = resolve('test-results/notes-pdf-attachments')
    mkdirSync(out, { recursive: true })
    writeFileSync(join(out, 'tampered.pdf'), Buffer.from(pdf.base64, 'base64'))
    expect(
      existsSync('/usr/bin/pdftoppm'),
      'needs poppler-utils (apt-get install poppler-utils)',
    ).toBe(true)
    const text = execFileSync('/usr/bin/pdftotext', [join(out, 'tampered.pdf'), '-']).toString()
    expect(text).toMatch(/Not included: This attachment.s file has been changed or damaged/)
  })
})
