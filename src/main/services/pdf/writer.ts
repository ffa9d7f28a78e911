import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib'
import { printable, type PdfFonts } from './unicode-font'

// A flowing-text writer for portrait A4 documents (notes, subject access, invoices, letters):
// it wraps words to the page width and starts a new page, with the footer, when one fills.

/** Portrait A4 in PDF points (1/72 inch). */
export const A4 = { width: 595.28, height: 841.89 }
/** The left, right and top margin in points. */
export const MARGIN = 50
export const INK = rgb(0.1, 0.12, 0.14)
export const MUTED = rgb(0.38, 0.42, 0.46)
export const RULE = rgb(0.8, 0.82, 0.85)
export const WARNING = rgb(0.7, 0.1, 0.1)

export type Colour = ReturnType<typeof rgb>

/**
 * `text` (already printable) broken at spaces into lines no wider than `width` points at
 * `size`; a word longer than the width stands alone on its line. Each paragraph (line break
 * in the text) starts a new line.
 */
export function wrapWords(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = []
  for (const paragraph of text.split(/\r?\n/)) {
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

/** Writes flowing text down A4 pages, starting a new page (with the footer) as needed. */
export class Writer {
  page!: PDFPage
  /** The baseline position of the next line, in points from the bottom of the page. */
  y = 0
  readonly font: PDFFont
  readonly bold: PDFFont
  constructor(
    readonly doc: PDFDocument,
    readonly fonts: PdfFonts,
    readonly footer: string,
  ) {
    this.font = fonts.regular
    this.bold = fonts.bold
    this.newPage()
  }

  newPage(): void {
    this.page = this.doc.addPage([A4.width, A4.height])
    this.y = A4.height - MARGIN
    this.draw(this.footer, { x: MARGIN, y: 28, size: 8, colour: MUTED })
  }

  /** `text` as the font can draw it (see `printable`). */
  safe(text: string, font: PDFFont = this.font): string {
    return printable(text, font === this.bold ? 'bold' : 'regular')
  }

  /** One line of text at a fixed place, made printable first. */
  draw(
    text: string,
    at: { x: number; y: number; size?: number; bold?: boolean; colour?: Colour },
  ): void {
    const font = at.bold ? this.bold : this.font
    this.page.drawText(this.safe(text, font), {
      x: at.x,
      y: at.y,
      size: at.size ?? 10,
      font,
      color: at.colour ?? INK,
    })
  }

  /** Makes room for `height` points, starting a new page if the current one is full. */
  ensure(height: number): void {
    if (this.y - height < MARGIN + 20) this.newPage()
  }

  /** `text` wrapped at word boundaries to `width` points; each paragraph starts a new line. */
  lines(text: string, size: number, font: PDFFont, width: number): string[] {
    return wrapWords(this.safe(text, font), font, size, width)
  }

  /** A paragraph at the current position, wrapped to the page and moving `y` down. */
  text(
    text: string,
    opts: { size?: number; bold?: boolean; colour?: Colour; indent?: number } = {},
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

  /** A small bold label over its value; nothing when the value is blank. */
  labelled(label: string, value: string): void {
    if (value.trim() === '') return
    this.ensure(9 * 1.4 + 10 * 1.4) // a label never sits alone at the foot of a page
    this.text(label, { size: 9, bold: true, colour: MUTED })
    this.text(value, { size: 10 })
    this.gap(3)
  }
}
