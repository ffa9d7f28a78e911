import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns/format'
import type { PDFImage } from 'pdf-lib'
import type { Note } from '../../../shared/contract/notes'
import type { ClinicSettings } from '../../../shared/contract/settings'
import { readBlob } from '../notes/attachments'
import { clinicDocument } from '../pdf/clinic-document'
import { A4, MARGIN, MUTED } from '../pdf/writer'

const PICTURE_MAX_HEIGHT = 150

export interface SheetExercise {
  name: string
  instructions: string
  picture_sha256: string | null
  picture_mime: string | null
}

/**
 * The aftercare and stretching sheet a client takes home: the clinic's letterhead, the
 * note's aftercare advice and home exercises in the therapist's words, then each exercise
 * picked from the library (name, picture if any, instructions). DejaVu Sans (clinicDocument)
 * so any name prints as typed. Meant to fit one A4 page; a long list flows onto a second.
 * A picture whose file is missing or altered is left out with a line saying so.
 */
export async function aftercareSheetPdf(
  clinic: ClinicSettings,
  note: Note,
  exercises: readonly SheetExercise[],
  attachmentsDir: string,
): Promise<Uint8Array> {
  const date = format(new TZDate(note.sessionAt, clinic.timeZone), 'd MMMM yyyy')
  const { doc, w } = await clinicDocument(
    clinic,
    `Aftercare – ${note.clientName}`,
    `Aftercare and stretching for ${note.clientName}`,
    `${clinic.clinicName} · aftercare sheet · ${date}`,
  )
  w.text(`After your treatment on ${date} with ${note.therapistName ?? note.author.name}.`, {
    size: 10,
    colour: MUTED,
  })
  w.gap(6)
  if (note.aftercare.trim()) {
    w.text('For the next day or two', { size: 12, bold: true })
    w.text(note.aftercare, { size: 11 })
    w.gap(6)
  }
  if (note.homeExercises.trim()) {
    w.text('Your home exercises', { size: 12, bold: true })
    w.text(note.homeExercises, { size: 11 })
    w.gap(6)
  }
  if (exercises.length > 0) {
    w.text('Stretches and exercises', { size: 12, bold: true })
    w.gap(2)
  }
  const images = new Map<string, PDFImage | null>()
  for (const [i, ex] of exercises.entries()) {
    w.ensure(40)
    w.text(`${i + 1}. ${ex.name}`, { size: 11, bold: true })
    if (ex.picture_sha256) {
      let image = images.get(ex.picture_sha256)
      if (image === undefined) {
        try {
          const data = readBlob(attachmentsDir, ex.picture_sha256)
          image =
            ex.picture_mime === 'image/png' ? await doc.embedPng(data) : await doc.embedJpg(data)
        } catch {
          image = null
        }
        images.set(ex.picture_sha256, image)
      }
      if (image) {
        const scale = Math.min(
          1,
          (A4.width - 2 * MARGIN) / image.width,
          PICTURE_MAX_HEIGHT / image.height,
        )
        const width = image.width * scale
        const height = image.height * scale
        w.ensure(height + 6)
        w.page.drawImage(image, { x: MARGIN + 14, y: w.y - height - 2, width, height })
        w.y -= height + 6
      } else {
        w.text('(Picture not available.)', { size: 9, colour: MUTED, indent: 14 })
      }
    }
    if (ex.instructions.trim()) w.text(ex.instructions, { size: 10.5, indent: 14 })
    w.gap(5)
  }
  w.gap(4)
  w.rule()
  w.text(
    'Stop any exercise that gives you sharp pain, pins and needles or numbness, and tell us.' +
      (clinic.phone ? ` Questions? Call ${clinic.phone}.` : ''),
    { size: 9.5, colour: MUTED },
  )
  return doc.save()
}
