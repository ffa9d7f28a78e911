import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns/format'
import { rgb, type PDFImage } from 'pdf-lib'
import type { ClinicSettings } from '../../../shared/contract/settings'
import type { Attachment, Note } from '../../../shared/contract/notes'
import { sizeLabel } from '../../../shared/notes/file-size'
import { BODY_PATH, CHART_HEIGHT, HEAD } from '../../../shared/notes/body-outline'
import { MARK_KIND_LABELS, MARK_KIND_STYLE, REGION_BY_ID } from '../../../shared/notes/body-regions'
import { clinicDocument } from '../pdf/clinic-document'
import { A4, INK, MARGIN, MUTED, WARNING, type Writer } from '../pdf/writer'

// pdf-lib: pure JavaScript, no native build, draws SVG paths, so the body chart outline is the
// same path the screen uses. Fonts, page writer and letterhead are the shared ones in ../pdf.

/** An attachment's bytes, or why they could not be read (missing, or failed its hash check). */
export type AttachmentBytes = (a: Attachment) => { data: Uint8Array } | { error: string }

const IMAGE_MAX_HEIGHT = 320

function hexToRgb(hex: string) {
  const n = Number.parseInt(hex.slice(1), 16)
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255)
}

/** Front and back outlines with the marks drawn again from their stored points. */
function bodyChart(w: Writer, note: Note): void {
  if (note.bodyMarks.length === 0) return
  const scale = 0.75
  const h = CHART_HEIGHT * scale
  w.ensure(h + 30)
  const top = w.y
  for (const [i, view] of (['front', 'back'] as const).entries()) {
    const x0 = MARGIN + i * 110
    w.draw(view === 'front' ? 'Front' : 'Back', { x: x0 + 30, y: top - 10, size: 8, colour: MUTED })
    const y0 = top - 14
    w.page.drawSvgPath(BODY_PATH, {
      x: x0,
      y: y0,
      scale,
      borderColor: MUTED,
      borderWidth: 1,
      color: rgb(0.96, 0.97, 0.98),
    })
    w.page.drawEllipse({
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
      w.page.drawCircle({
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
    w.page.drawCircle({
      x: MARGIN + 240,
      y: ly + 3,
      size: 4,
      color: hexToRgb(MARK_KIND_STYLE[kind].colour),
    })
    w.draw(MARK_KIND_LABELS[kind], { x: MARGIN + 250, y: ly, size: 9 })
    ly -= 14
  }
  w.y = top - h - 24
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
      w.text(`Not included: ${file.error}`, { size: 9, colour: WARNING, indent: 12 })
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
        colour: WARNING,
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

export function when(iso: string, timeZone: string): string {
  return format(new TZDate(iso, timeZone), 'd MMM yyyy, HH:mm')
}

/** The attached files' bytes, and the images already embedded (each photo once per PDF). */
export interface AttachmentSource {
  bytesOf: AttachmentBytes
  images: Map<string, PDFImage | null>
}

/**
 * One note as the clinic prints it: heading, pain, body chart, sections, attachments (photos
 * drawn in, when their bytes are given), signature, addenda.
 */
export async function writeNote(
  w: Writer,
  note: Note,
  timeZone: string,
  attachments: AttachmentSource = {
    bytesOf: () => ({ error: 'not available' }),
    images: new Map(),
  },
): Promise<void> {
  w.text(`${note.template.name} · ${when(note.sessionAt, timeZone)}`, {
    size: 12,
    bold: true,
  })
  w.text(`Therapist: ${note.therapistName ?? note.author.name} · written by ${note.author.name}`, {
    size: 9,
    colour: MUTED,
  })
  w.gap(4)
  if (note.painBefore !== null || note.painAfter !== null) {
    w.text(`Pain (0-10): before ${note.painBefore ?? '-'}, after ${note.painAfter ?? '-'}`, {
      bold: true,
    })
    w.gap(3)
  }
  bodyChart(w, note)
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
  await drawAttachments(w, note, attachments.bytesOf, attachments.images, timeZone)
  w.gap(4)
  w.text(
    note.signed
      ? `Signed by ${note.signed.by.name} on ${when(note.signed.at, timeZone)}`
      : 'DRAFT – not signed',
    { bold: true, colour: note.signed ? INK : WARNING },
  )
  for (const a of note.addenda) {
    w.gap(6)
    w.text(`Addendum · ${a.author.name} · signed ${when(a.signedAt, timeZone)}`, {
      size: 9,
      bold: true,
      colour: MUTED,
      indent: 12,
    })
    w.text(a.body, { indent: 12 })
  }
}

/** One or more notes of one client as a PDF: clinic header, client, therapist, signature, addenda. */
export async function notesPdf(
  notes: Note[],
  clinic: ClinicSettings,
  exportedBy: string,
  now: Date,
  bytesOf: AttachmentBytes = () => ({ error: 'not available' }),
): Promise<Uint8Array> {
  const first = notes[0]
  const { doc, w } = await clinicDocument(
    clinic,
    first ? `Treatment notes – ${first.clientName}` : 'Treatment notes',
    `Treatment notes: ${first?.clientName ?? ''}`,
    `Confidential clinical record · exported by ${exportedBy} on ${when(now.toISOString(), clinic.timeZone)}`,
  )
  const images = new Map<string, PDFImage | null>()
  for (const [i, note] of notes.entries()) {
    if (i > 0) {
      w.gap(8)
      w.rule()
    }
    await writeNote(w, note, clinic.timeZone, { bytesOf, images })
  }
  return doc.save()
}
