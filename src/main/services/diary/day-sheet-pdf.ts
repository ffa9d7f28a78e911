import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import type { DaySheet } from '../../../shared/contract/appointments'
import { formatDate, toTime, utcToZoned } from './clinic-clock'

// The day sheet as a real PDF (for e-mailing to a therapist or printing elsewhere), drawn with
// pdf-lib and the standard PDF fonts like the treatment-note PDF: nothing native, no fonts to
// ship. Landscape A4 so a row (time, client, service, phone, alerts) fits on one line.

const PAGE = { width: 841.89, height: 595.28 }
const MARGIN = 40
const INK = rgb(0.1, 0.12, 0.14)
const MUTED = rgb(0.38, 0.42, 0.46)
const RULE = rgb(0.8, 0.82, 0.85)
const ALERT = rgb(0.63, 0.11, 0.07)
const SIZE = 10
const LINE = 13

const COLUMNS = [
  { key: 'time', label: 'Time', width: 80 },
  { key: 'client', label: 'Client', width: 150 },
  { key: 'service', label: 'Service', width: 150 },
  { key: 'phone', label: 'Phone', width: 100 },
  { key: 'status', label: 'Status', width: 80 },
  { key: 'alerts', label: 'Alerts', width: PAGE.width - 2 * MARGIN - 560 },
] as const
type Column = (typeof COLUMNS)[number]['key']

/** The standard fonts are WinAnsi: anything they cannot draw becomes "?" rather than failing. */
function safe(text: string, font: PDFFont): string {
  let out = ''
  for (const ch of text) {
    try {
      font.encodeText(ch)
      out += ch
    } catch {
      out += '?'
    }
  }
  return out
}

function wrap(text: string, font: PDFFont, width: number): string[] {
  const out: string[] = []
  let line = ''
  for (const word of safe(text, font).split(/\s+/)) {
    const next = line === '' ? word : `${line} ${word}`
    if (font.widthOfTextAtSize(next, SIZE) > width && line !== '') {
      out.push(line)
      line = word
    } else line = next
  }
  out.push(line)
  return out
}

const STATUS: Record<DaySheet['therapists'][number]['rows'][number]['status'], string> = {
  booked: 'Booked',
  arrived: 'Arrived',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'Did not attend',
}

export async function daySheetPdf(
  sheet: DaySheet,
  clinicName: string,
  timeZone: string,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.setTitle(`Day sheet ${sheet.date}`)
  doc.setCreator('Plinth')
  const font = await doc.embedFont(StandardFonts.Helvetica)
  const bold = await doc.embedFont(StandardFonts.HelveticaBold)
  const title = `${clinicName} - day sheet for ${formatDate(sheet.date, true)} ${sheet.date.slice(0, 4)}`
  let page: PDFPage
  let y = 0

  const text = (s: string, x: number, at: number, f = font, color = INK, size = SIZE) =>
    page.drawText(safe(s, f), { x, y: at, size, font: f, color })
  const newPage = () => {
    page = doc.addPage([PAGE.width, PAGE.height])
    y = PAGE.height - MARGIN
    text(title, MARGIN, y, bold, INK, 14)
    y -= 26
    text(
      'Confidential: contains clients\u2019 phone numbers and medical alerts.',
      MARGIN,
      22,
      font,
      MUTED,
      8,
    )
  }
  const header = () => {
    let x = MARGIN
    for (const c of COLUMNS) {
      text(c.label, x, y, bold, MUTED, 9)
      x += c.width
    }
    y -= 5
    page.drawLine({
      start: { x: MARGIN, y },
      end: { x: PAGE.width - MARGIN, y },
      thickness: 0.6,
      color: RULE,
    })
    y -= LINE
  }
  newPage()

  const local = (iso: string) => toTime(utcToZoned(Date.parse(iso), timeZone).minutes)
  for (const t of sheet.therapists) {
    if (y < MARGIN + 80) newPage()
    text(t.name, MARGIN, y, bold, INK, 12)
    y -= 18
    if (t.rows.length === 0) {
      text('No bookings.', MARGIN, y, font, MUTED)
      y -= 24
      continue
    }
    header()
    for (const r of t.rows) {
      const cells: Record<Column, string[]> = {
        time: [`${local(r.startsAt)}-${local(r.endsAt)}`],
        client: wrap(r.clientName, font, COLUMNS[1].width - 8),
        service: wrap(r.serviceName, font, COLUMNS[2].width - 8),
        phone: [r.phone || '-'],
        status: [STATUS[r.status]],
        alerts: r.alerts.length
          ? wrap(`! ${r.alerts.map((a) => a.text).join('; ')}`, bold, COLUMNS[5].width - 4)
          : [''],
      }
      const height = Math.max(...Object.values(cells).map((c) => c.length)) * LINE
      if (y - height < MARGIN + 20) {
        newPage()
        text(`${t.name} (continued)`, MARGIN, y, bold, INK, 12)
        y -= 18
        header()
      }
      let x = MARGIN
      for (const c of COLUMNS) {
        cells[c.key].forEach((line, i) =>
          text(
            line,
            x,
            y - i * LINE,
            c.key === 'alerts' ? bold : font,
            c.key === 'alerts' ? ALERT : INK,
          ),
        )
        x += c.width
      }
      y -= height + 4
    }
    y -= 14
  }
  return doc.save()
}
