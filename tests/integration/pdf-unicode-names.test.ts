import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { unzipSync } from 'fflate'
import { PDFDocument } from 'pdf-lib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newPdf, printable } from '../../src/main/services/pdf/unicode-font'
import { aClient } from '../fixtures/clients'
import { pdfTextOf } from '../fixtures/pdf-text'
import { aService, aTherapist, at, openEveryDay } from '../fixtures/diary'
import { aNote, aTherapistAccount, callOk } from '../fixtures/notes'
import { aSession, openTempCore } from '../fixtures/temp-core'

// Issue #11 item 18: the standard PDF fonts are WinAnsi, so "Łukasz Wiśniewski" printed as
// "?ukasz Wi?niewski". Every PDF now embeds DejaVu Sans (subset); poppler must read each name
// back exactly as typed.

const OUT = resolve('test-results/pdf-unicode')
const owner = aSession('owner')
const reception = aSession('reception')

/** Names as people type them: Polish, Welsh, Czech, Turkish, Greek, and others. */
const PEOPLE: [string, string][] = [
  ['Łukasz', 'Wiśniewski'],
  ['Małgorzata', 'Żółkiewska'],
  ['Llŷr', 'Ŵyn-Rhys'],
  ['Jiří', 'Dvořák'],
  ['İlkay', 'Gündoğan Işık'],
  ['Νικόλαος', 'Παπαδόπουλος'],
  ['Søren', 'Ærø-Straße'],
]

/** The PDF's text as pdftotext reads it (line breaks folded), and page 1 as a PNG to look at. */
function pdfText(bytes: Uint8Array, name: string, picture = true): string {
  return pdfTextOf(bytes, OUT, name, { picture, dpi: 80 }).replace(/\s+/g, ' ')
}

/** pdffonts' rows: one per font the PDF uses (name, type, encoding, emb, sub, uni, object). */
function fontsOf(bytes: Uint8Array): string[] {
  mkdirSync(OUT, { recursive: true })
  const file = join(OUT, 'fonts-probe.pdf')
  writeFileSync(file, bytes)
  return execFileSync('/usr/bin/pdffonts', [file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
}

/** DejaVu Sans embedded as a CID font with a ToUnicode map; never an unembedded Helvetica. */
const EMBEDDED_DEJAVU = /^DejaVuSans(-Bold)?-\d+\s+CID TrueType\s+Identity-H\s+yes\s+no\s+yes\b/

let core: Awaited<ReturnType<typeof openTempCore>>
let now = new Date('2026-11-24T11:00:00Z')
beforeEach(async () => {
  now = new Date('2026-11-24T11:00:00Z')
  core = await openTempCore({ now: () => now })
})
afterEach(async () => {
  await core.dispose()
})

describe('every PDF keeps names and notes as typed', () => {
  it('prints Polish, Welsh, Czech, Turkish and Greek names and "Ból łydki" in the notes PDF', async () => {
    const { session: sam, therapistId } = await aTherapistAccount(core, 'Sam')
    const services = await callOk(core, 'services.list', {}, owner)
    const service = services.find((s) => s.name === 'Massage for Sam')!
    for (const [i, [first, last]] of PEOPLE.entries()) {
      const client = await aClient().named(first, last).in(core)
      const appt = await callOk(
        core,
        'diary.book',
        {
          clientId: client.id,
          serviceId: service.id,
          therapistId,
          startsAt: at(`2026-11-24 ${String(8 + i).padStart(2, '0')}:00`),
          override: { reason: 'test set-up' },
          confirmPast: true,
        },
        owner,
      )
      const note = await aNote(core, sam, client.id)
        .forAppointment(appt.id)
        .withSection('subjective', 'Ból łydki po biegu; ŵ ŷ; příliš; ağrı; πόνος')
        .in()
      const pdf = await callOk(core, 'notes.exportPdf', { noteId: note.id }, sam)
      const bytes = Buffer.from(pdf.base64, 'base64')
      const text = pdfText(bytes, `note-${i}`, i === 0)
      expect(text).toContain(`Treatment notes: ${first} ${last}`)
      expect(text).toContain('Ból łydki po biegu; ŵ ŷ; příliš; ağrı; πόνος')
      expect(text).not.toContain('?')
      for (const font of fontsOf(bytes)) expect(font).toMatch(EMBEDDED_DEJAVU)
      // Subset: the whole font is 750 kB; a one-page note is far smaller.
      expect(bytes.length).toBeLessThan(120_000)
    }
  }, 30_000)

  it('prints the names on the day sheet, therapists and alerts included', async () => {
    const massage = await aService('Masaż sportowy 60 min').lasting(60).in(core)
    const dafydd = await aTherapist('Dafydd Ŵyn')
      .working(['Tue'], '08:00-20:00')
      .offering(massage)
      .in(core)
    await openEveryDay(core)
    for (const [i, [first, last]] of PEOPLE.entries()) {
      const builder = aClient().named(first, last)
      const client = await (i === 0 ? builder.withAlert('Zakrzepica (DVT) – uwaga') : builder).in(
        core,
      )
      await callOk(
        core,
        'diary.book',
        {
          clientId: client.id,
          serviceId: massage.id,
          therapistId: dafydd.id,
          startsAt: at(`2026-11-24 ${String(9 + i).padStart(2, '0')}:00`),
          confirmPast: true,
        },
        reception,
      )
    }
    const r = await callOk(core, 'diary.daySheetPdf', { date: '2026-11-24' }, reception)
    const bytes = Buffer.from(r.base64, 'base64')
    const text = pdfText(bytes, 'day-sheet')
    expect(text).toContain('Dafydd Ŵyn')
    expect(text).toContain('Masaż sportowy 60 min')
    expect(text).toContain('Zakrzepica (DVT) – uwaga')
    for (const [first, last] of PEOPLE) expect(text).toContain(`${first} ${last}`)
    expect(text).not.toContain('?')
    for (const font of fontsOf(bytes)) expect(font).toMatch(EMBEDDED_DEJAVU)
  })

  it('prints the name in the subject access PDF', async () => {
    const client = await aClient().named('Łukasz', 'Wiśniewski').in(core)
    const out = await callOk(core, 'gdpr.subjectAccess', { clientId: client.id }, owner)
    const zip = unzipSync(Buffer.from(out.base64, 'base64'))
    const pdfName = out.files.find((f) => f.endsWith('.pdf'))!
    const text = pdfText(zip[pdfName]!, 'subject-access')
    expect(text).toContain('Everything we hold about Łukasz Wiśniewski')
    expect(text).not.toContain('?ukasz')
  })
})

describe('the shared PDF module', () => {
  it('is where every PDF starts: no other file creates a document or uses a standard font', () => {
    const offenders = readdirSync(resolve('src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f) && !f.startsWith(join('main', 'services', 'pdf')))
      .filter((f) =>
        /StandardFonts|PDFDocument\.create\(|embedFont\(/.test(
          readFileSync(join(resolve('src'), f), 'utf8'),
        ),
      )
    expect(offenders).toEqual([])
  })

  it('keeps covered letters and replaces only what no glyph exists for', () => {
    expect(printable('Łukasz Wiśniewski · Ŵ ŷ · İı · Ωμέγα')).toBe(
      'Łukasz Wiśniewski · Ŵ ŷ · İı · Ωμέγα',
    )
    // Decomposed input (as some keyboards and Mac files give it) is composed, not split.
    expect(printable('Zoe\u0308')).toBe('Zoë')
    expect(printable('tab\there\u0007')).toBe('tab  here')
    expect(printable('run 🏃 → 5k')).toBe('run ? → 5k')
    expect(printable('王')).toBe('?')
  })

  it('makes a document others (invoices, letters) can draw on and save', async () => {
    const { doc, fonts } = await newPdf('Invoice 0042 – Łukasz')
    const page = doc.addPage()
    page.drawText(printable('Faktura dla Łukasza Wiśniewskiego: £42.00'), {
      x: 50,
      y: 700,
      size: 12,
      font: fonts.regular,
    })
    page.drawText(printable('Razem', 'bold'), { x: 50, y: 680, size: 12, font: fonts.bold })
    const bytes = await doc.save()
    expect((await PDFDocument.load(bytes)).getTitle()).toBe('Invoice 0042 – Łukasz')
    expect(pdfText(bytes, 'invoice-probe')).toContain(
      'Faktura dla Łukasza Wiśniewskiego: £42.00 Razem',
    )
  })
})
