import { rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import { STATUS_LABELS, type DaySheet } from '../../../shared/contract/diary'
import { newPdf, printable } from '../pdf/unicode-font'
import { INK, MUTED, RULE, wrapWords } from '../pdf/writer'
import { formatDate, toTime, utcToZoned } from './clinic-clock'

// The day sheet as a real PDF (for e-mailing to a therapist or printing elsewhere), drawn with
// pdf-lib and the shared Unicode font (../pdf) like the treatment-note PDF, so names print as
// typed. Landscape A4 so a row (time, client, service, phone, alerts) fits on one line.

const PAGE = { width: 841.89, height: 595.28 }
const MARGIN = 40
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

/** A cell's text on as many lines as its column needs (line breaks in it become spaces). */
function wrap(text: string, font: PDFFont, weight: 'regular' | 'bold', width: number): string[] {
  return wrapWords(printable(text, weight).replace(/\s+/g, ' '), font, SIZE, width)
}

export async function daySheetPdf(
  sheet: DaySheet,
  clinicName: string,
  timeZone: string,
): Promise<Uint8Array> {
  const { doc, fonts } = await newPdf(`Day sheet ${sheet.date}`)
  const { regular: font, bold } = fonts
  const title = `${clinicName} - day sheet for ${formatDate(sheet.date, true)} ${sheet.date.slice(0, 4)}`
  let page: PDFPage
  let y = 0

  const text = (s: string, x: number, at: number, f = font, color = INK, size = SIZE) =>
    page.drawText(printable(s, f === bold ? 'bold' : 'regular'), { x, y: at, size, font: f, color })
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
        client: wrap(r.clientName, font, 'regular', COLUMNS[1].width - 8),
        service: wrap(r.serviceName, font, 'regular', COLUMNS[2].width - 8),
        phone: [r.phone || '-'],
        status: [STATUS_LABELS[r.status]],
        alerts: r.alerts.length
          ? wrap(`! ${r.alerts.map((a) => a.text).join('; ')}`, bold, 'bold', COLUMNS[5].width - 4)
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
