import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Session } from '../../src/main/rpc/context'
import { aCompletedAppointment, aMark, aNote, aTherapistAccount, callOk } from '../fixtures/notes'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

let core: Awaited<ReturnType<typeof openTempCore>>
let now = new Date('2026-11-24T11:00:00Z')
let sam: Session
let therapistId: number

beforeEach(async () => {
  now = new Date('2026-11-24T11:00:00Z')
  core = await openTempCore({ now: () => now })
  ;({ session: sam, therapistId } = await aTherapistAccount(core, 'Sam'))
})
afterEach(async () => {
  await core.dispose()
})

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

describe('attachments', () => {
  it('stores a photo once under its content hash and lists it on the note', async () => {
    const { clientId } = await aCompletedAppointment(core, therapistId)
    const note = await aNote(core, sam, clientId).in()
    await callOk(
      core,
      'notes.addAttachment',
      { noteId: note.id, filename: 'knee.png', base64: PNG.toString('base64') },
      sam,
    )
    const after = await callOk(
      core,
      'notes.addAttachment',
      { noteId: note.id, filename: 'knee-again.png', base64: PNG.toString('base64') },
      sam,
    )
    expect(after.attachments.map((a) => [a.filename, a.mime, a.size])).toEqual([
      ['knee.png', 'image/png', PNG.length],
      ['knee-again.png', 'image/png', PNG.length],
    ])
    const sha = after.attachments[0]!.sha256
    const stored = join(core.dir, 'attachments', sha.slice(0, 2), sha)
    expect(readFileSync(stored)).toEqual(PNG)
    expect(readdirSync(join(core.dir, 'attachments', sha.slice(0, 2)))).toEqual([sha])
  })

  it('refuses programs, unknown types and files over 10 MB with a clear message', async () => {
    const { clientId } = await aCompletedAppointment(core, therapistId)
    const note = await aNote(core, sam, clientId).in()
    const attach = (filename: string, data: Buffer) =>
      call(
        core,
        'notes.addAttachment',
        { noteId: note.id, filename, base64: data.toString('base64') },
        sam,
      )
    const exe = await attach('letter.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]))
    expect(!exe.ok && exe.error.message).toBe('Programs and scripts cannot be attached to a note.')
    const named = await attach('setup.exe', PNG)
    expect(!named.ok && named.error.message).toMatch(/Programs/)
    const text = await attach('notes.txt', Buffer.from('hello'))
    expect(!text.ok && text.error.message).toBe(
      'Only photos (JPEG, PNG) and PDF documents can be attached.',
    )
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024)])
    const tooBig = await attach('scan.pdf', big)
    expect(!tooBig.ok && tooBig.error.message).toMatch(/at most 10 MB/)
    expect((await callOk(core, 'notes.get', { id: note.id }, sam)).attachments).toEqual([])
  })
})

describe('PDF export', () => {
  it('exports a signed note with clinic header, client, therapist, body chart, signature and addenda', async () => {
    await callOk(
      core,
      'settings.update',
      {
        clinicName: 'Northfield Sports Massage',
        address: '12 High Street, Leeds LS1 4AB',
        phone: '0113 496 0000',
        timeZone: 'Europe/London',
        currency: 'GBP',
        locale: 'en-GB',
      },
      aSession('owner'),
    )
    const { clientId } = await aCompletedAppointment(core, therapistId)
    const note = await aNote(core, sam, clientId)
      .withPain(7, 3)
      .withSection('subjective', 'Right hamstring tight since Sunday’s 10k; worse on stairs.')
      .withSection('objective', 'Reduced SLR on the right (60° vs 80°). Tender mid-belly.')
      .withSection('assessment', 'Grade 1 hamstring strain, improving.')
      .withSection('plan', 'Two more sessions, then review.')
      .with({ techniques: ['Effleurage', 'Deep tissue', 'Stretching'], pressure: 'Firm' })
      .withMark(aMark())
      .withMark(aMark({ region: 'calf-l', x: 42, y: 176, kind: 'tightness', intensity: 2 }))
      .withMark(aMark({ region: 'quadriceps-r', x: 40, y: 128, kind: 'treated', intensity: 4 }))
      .signed()
      .in()
    now = new Date('2026-11-25T09:30:00Z')
    await callOk(
      core,
      'notes.addAddendum',
      { noteId: note.id, body: 'Client phoned: stairs fine now.' },
      sam,
    )
    const pdf = await callOk(core, 'notes.exportPdf', { noteId: note.id }, sam)
    expect(pdf.filename).toMatch(/^note-\d+-client-number\d+-2026-11-25\.pdf$/)
    const bytes = Buffer.from(pdf.base64, 'base64')
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')

    // Rendered to PNG for a person to look at (test-results/notes-pdf/note-1.png).
    const out = resolve('test-results/notes-pdf')
    mkdirSync(out, { recursive: true })
    writeFileSync(join(out, 'note.pdf'), bytes)
    expect(
      existsSync('/usr/bin/pdftoppm'),
      'needs poppler-utils (apt-get install poppler-utils)',
    ).toBe(true)
    {
      execFileSync('/usr/bin/pdftoppm', [
        '-png',
        '-r',
        '80',
        join(out, 'note.pdf'),
        join(out, 'note'),
      ])
      expect(readdirSync(out).filter((f) => f.endsWith('.png')).length).toBeGreaterThan(0)
      const text = execFileSync('/usr/bin/pdftotext', [join(out, 'note.pdf'), '-']).toString()
      for (const expected of [
        'Northfield Sports Massage',
        'Treatment notes: Client Number',
        'Therapist: Sam',
        'Pain (0-10): before 7, after 3',
        'Signed by Sam on 24 Nov 2026, 11:00',
        'Client phoned: stairs fine now.',
        'Reduced SLR on the right (60° vs 80°)',
      ]) {
        expect(text).toContain(expected)
      }
    }

    const audit = await core.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'notes.exportPdf')
      .execute()
    expect(audit).toEqual([{ summary: 'Exported 1 treatment note to PDF' }])
  })
})
