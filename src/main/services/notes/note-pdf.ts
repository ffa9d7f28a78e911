import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib'
import type { ClinicSettings } from '../../../shared/contract/settings'
import type { Attachment, Note } from '../../../shared/contract/notes'
import { sizeLabel } from '../../../shared/notes/file-size'
import { BODY_PATH, CHART_HEIGHT, HEAD } from '../../../shared/notes/body-outline'
import { MARK_KIND_LABELS, MARK_KIND_STYLE, REGION_BY_ID } from '../../../shared/notes/body-regions'

// pdf-lib: pure JavaScript, no native build and no fonts to ship (the standard 14 PDF fonts),
// draws SVG paths, so the body chart outline is the same path the screen uses.

const A4 = { width: 595.28, height: 841.89 }
const MARGIN = 50
const INK = rgb(0.1, 0.12, 0.14)
const MUTED = rgb(0.38, 0.42, 0.46)
const RULE = rgb(0.8, 0.82, 0.85)

/** An attachment's bytes, or why they could not be read (missing, or failed its hash check). */
export type AttachmentBytes = (a: Attachment) => { data: Uint8Array } | { error: string }

const IMAGE_MAX_HEIGHT = 320

function hexToRgb(hex: string) {
  const n = Number.parseInt(hex.slice(1), 16)
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255)
}

class Writer {
  page!: PDFPage
  y = 0
  constructor(
    readonly doc: PDFDocument,
    readonly font: PDFFont,
    readonly bold: PDFFont,
    readonly footer: string,
  ) {
    this.newPage()
  }

  newPage(): void {
    this.page = this.doc.addPage([A4.width, A4.height])
    this.y = A4.height - MARGIN
    this.page.drawText(this.safe(this.footer, this.font), {
      x: MARGIN,
      y: 28,
      size: 8,
      font: this.font,
      color: MUTED,
    })
  }

  /** The standard fonts are WinAnsi: anything else (arrows, emoji) becomes "?". */
  safe(text: string, font: PDFFont): string {
    let out = ''
    for (const ch of text.replace(/\t/g, '  ')) {
      try {
        font.encodeText(ch)
        out += ch
      } catch {
        out += ch === '→' ? '->' : '?'
      }
    }
    return out
  }

  ensure(height: number): void {
    if (this.y - height < MARGIN + 20) this.newPage()
  }

  lines(text: string, size: number, font: PDFFont, width: number): string[] {
    const out: string[] = []
    for (const paragraph of this.safe(text, font).split(/\r?\n/)) {
      let line = ''
      for (const word of paragraph.split(' ')) {
        const next = line === '' ? word : `${line} ${word}`
        if (font.widthOfTextAtSize(next, size) > width && line !== '') {
          out.push(line)
          line = word
        } else line = next
      }
      out.push(line)
    }
    return out
  }

  text(
    text: string,
    opts: { size?: number; bold?: boolean; colour?: ReturnType<typeof rgb>; indent?: number } = {},
  ): void {
    const size = opts.size ?? 10
    const font = opts.bold ? this.bold : this.font
    const x = MARGIN + (opts.indent ?? 0)
    for (const line of this.lines(text, size, font, A4.width - MARGIN - x)) {
      this.ensure(size * 1.4)
      this.page.drawText(line, { x, y: this.y - size, size, font, color: opts.colour ?? INK })
      this.y -= size * 1.4
    }
  }

  gap(h = 6): void {
    this.y -= h
  }

  rule(): void {
    this.ensure(10)
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: A4.width - MARGIN, y: this.y },
      thickness: 0.7,
      color: RULE,
    })
    this.y -= 8
  }

  labelled(label: string, value: string): void {
    if (value.trim() === '') return
    this.text(label, { size: 9, bold: true, colour: MUTED })
    this.text(value, { size: 10 })
    this.gap(3)
  }

  /** Front and back outlines with the marks drawn again from their stored points. */
  bodyChart(note: Note): void {
    if (note.bodyMarks.length === 0) return
    const scale = 0.75
    const h = CHART_HEIGHT * scale
    this.ensure(h + 30)
    const top = this.y
    for (const [i, view] of (['front', 'back'] as const).entries()) {
      const x0 = MARGIN + i * 110
      this.page.drawText(view === 'front' ? 'Front' : 'Back', {
        x: x0 + 30,
        y: top - 10,
        size: 8,
        font: this.font,
        color: MUTED,
      })
      const y0 = top - 14
      this.page.drawSvgPath(BODY_PATH, {
        x: x0,
        y: y0,
        scale,
        borderColor: MUTED,
        borderWidth: 1,
        color: rgb(0.96, 0.97, 0.98),
      })
      this.page.drawEllipse({
        x: x0 + HEAD.cx * scale,
        y: y0 - HEAD.cy * scale,
        xScale: HEAD.rx * scale,
        yScale: HEAD.ry * scale,
        borderColor: MUTED,
        borderWidth: 1,
        color: rgb(0.96, 0.97, 0.98),
      })
      for (const m of note.bodyMarks) {
        if ((REGION_BY_ID.get(m.region)?.view ?? 'front') !== view) continue
        const colour = hexToRgb(MARK_KIND_STYLE[m.kind].colour)
        const r = (2 + m.intensity) * scale
        this.page.drawCircle({
          x: x0 + m.x * scale,
          y: y0 - m.y * scale,
          size: r,
          color: colour,
          opacity: 0.75,
        })
      }
    }
    // A legend so the chart reads without the screen's colours.
    let ly = top - 20
    const used = [...new Set(note.bodyMarks.map((m) => m.kind))]
    for (const kind of used) {
      this.page.drawCircle({
        x: MARGIN + 240,
        y: ly + 3,
        size: 4,
        color: hexToRgb(MARK_KIND_STYLE[kind].colour),
      })
      this.page.drawText(MARK_KIND_LABELS[kind], {
        x: MARGIN + 250,
        y: ly,
        size: 9,
        font: this.font,
        color: INK,
      })
      ly -= 14
    }
    this.y = top - h - 24
  }
}

/**
 * Photos drawn in, scaled to fit the page width and a third of its height; other files (PDF
 * letters) listed by name and size, since a PDF inside a PDF would not print as a record.
 */
async function drawAttachments(
  w: Writer,
  note: Note,
  bytesOf: AttachmentBytes,
  images: Map<string, PDFImage | null>,
  timeZone: string,
): Promise<void> {
  if (note.attachments.length === 0) return
  w.gap(4)
  w.text('Attachments', { size: 9, bold: true, colour: MUTED })
  for (const a of note.attachments) {
    const kind =
      a.mime === 'application/pdf' ? 'PDF' : a.mime === 'image/png' ? 'PNG image' : 'JPEG photo'
    w.text(
      `${a.filename} · ${kind}, ${sizeLabel(a.size)} · added ${when(a.addedAt, timeZone)}${a.addedBy ? ` by ${a.addedBy}` : ''}`,
      { size: 10 },
    )
    if (a.mime !== 'image/png' && a.mime !== 'image/jpeg') continue
    const file = bytesOf(a)
    if ('error' in file) {
      w.text(`Not included: ${file.error}`, { size: 9, colour: rgb(0.7, 0.1, 0.1), indent: 12 })
      continue
    }
    let image = images.get(a.sha256)
    if (image === undefined) {
      // A copy: pdf-lib reads a Node Buffer's whole backing ArrayBuffer and misses a pooled
      // Buffer's offset ("SOI not found in JPEG").
      const data = new Uint8Array(file.data)
      try {
        image = a.mime === 'image/png' ? await w.doc.embedPng(data) : await w.doc.embedJpg(data)
      } catch {
        image = null
      }
      images.set(a.sha256, image)
    }
    if (!image) {
      w.text('Not included: the image could not be decoded.', {
        size: 9,
        colour: rgb(0.7, 0.1, 0.1),
        indent: 12,
      })
      continue
    }
    const maxWidth = A4.width - 2 * MARGIN
    const scale = Math.min(1, maxWidth / image.width, IMAGE_MAX_HEIGHT / image.height)
    const width = image.width * scale
    const height = image.height * scale
    w.ensure(height + 8)
    w.page.drawImage(image, { x: MARGIN, y: w.y - height - 2, width, height })
    w.y -= height + 8
  }
  w.gap(2)
}

function when(iso: string, timeZone: string): string {
  return format(new TZDate(iso, timeZone), 'd MMM yyyy, HH:mm')
}

/** One or more notes of one client as a PDF: clinic header, client, therapist, signature, addenda. */
export async function notesPdf(
  notes: Note[],
  clinic: ClinicSettings,
  exportedBy: string,
  now: Date,
  bytesOf: AttachmentBytes = () => ({ error: 'not available' }),
): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const font = await doc.embedFont(StandardFonts.Helvetica)
  const bold = await doc.embedFont(StandardFonts.HelveticaBold)
  const first = notes[0]
  doc.setTitle(first ? `Treatment notes – ${first.clientName}` : 'Treatment notes')
  doc.setProducer('Plinth')
  const w = new Writer(
    doc,
    font,
    bold,
    `Confidential clinical record · exported by ${exportedBy} on ${when(now.toISOString(), clinic.timeZone)}`,
  )
  w.text(clinic.clinicName, { size: 16, bold: true })
  const contact = [clinic.address.replace(/\n/g, ', '), clinic.phone].filter((s) => s).join(' · ')
  if (contact) w.text(contact, { size: 9, colour: MUTED })
  w.gap(4)
  w.text(`Treatment notes: ${first?.clientName ?? ''}`, { size: 13, bold: true })
  w.gap(4)
  w.rule()
  const images = new Map<string, PDFImage | null>()
  for (const [i, note] of notes.entries()) {
    if (i > 0) {
      w.gap(8)
      w.rule()
    }
    w.text(`${note.template.name} · ${when(note.sessionAt, clinic.timeZone)}`, {
      size: 12,
      bold: true,
    })
    w.text(
      `Therapist: ${note.therapistName ?? note.author.name} · written by ${note.author.name}`,
      { size: 9, colour: MUTED },
    )
    w.gap(4)
    if (note.painBefore !== null || note.painAfter !== null) {
      w.text(`Pain (0-10): before ${note.painBefore ?? '-'}, after ${note.painAfter ?? '-'}`, {
        bold: true,
      })
      w.gap(3)
    }
    w.bodyChart(note)
    for (const field of note.template.fields) {
      w.labelled(field.label, note.sections[field.id] ?? '')
    }
    w.labelled('Areas treated', note.areas)
    w.labelled('Techniques', note.techniques.join(', '))
    w.labelled('Pressure', note.pressure)
    w.labelled('Client’s response', note.response)
    w.labelled('Aftercare advice', note.aftercare)
    w.labelled('Home exercises', note.homeExercises)
    w.labelled('Next session', note.nextSession)
    await drawAttachments(w, note, bytesOf, images, clinic.timeZone)
    w.gap(4)
    w.text(
      note.signed
        ? `Signed by ${note.signed.by.name} on ${when(note.signed.at, clinic.timeZone)}`
        : 'DRAFT – not signed',
      { bold: true, colour: note.signed ? INK : rgb(0.7, 0.1, 0.1) },
    )
    for (const a of note.addenda) {
      w.gap(6)
      w.text(`Addendum · ${a.author.name} · signed ${when(a.signedAt, clinic.timeZone)}`, {
        size: 9,
        bold: true,
        colour: MUTED,
        indent: 12,
      })
      w.text(a.body, { indent: 12 })
    }
  }
  return doc.save()
}
