import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, type PDFFont } from 'pdf-lib'

// Every PDF Plinth makes embeds DejaVu Sans (npm package `dejavu-fonts-ttf`, DejaVu 2.37).
// Why not pdf-lib's standard 14 fonts: they are WinAnsi only, so "Łukasz Wiśniewski" printed
// as "?ukasz Wi?niewski". DejaVu Sans covers Latin Extended (Polish, Czech, Turkish, Welsh ŵ ŷ),
// Greek and Cyrillic in ONE file per weight, so a name never needs a font switch mid-line.
// Licence: the Bitstream Vera licence (permissive: use, embed and redistribute, rename if
// modified) plus public-domain DejaVu changes; see node_modules/dejavu-fonts-ttf/LICENSE.
// The font is subset on embedding: a one-page note is tens of kB, not the font's 750 kB.
// The files are read from node_modules at run time (a production dependency, so packaging
// keeps it and electron-vite leaves it external); nothing is fetched.

const require = createRequire(import.meta.url)

const FILES = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
} as const

export type FontWeight = keyof typeof FILES

const bytesCache = new Map<FontWeight, Uint8Array>()
const coverageCache = new Map<FontWeight, Set<number>>()

/** The TrueType bytes of one weight, read once per process. Throws if the package is missing. */
export function unicodeFontBytes(weight: FontWeight): Uint8Array {
  let bytes = bytesCache.get(weight)
  if (!bytes) {
    bytes = new Uint8Array(readFileSync(require.resolve(FILES[weight])))
    bytesCache.set(weight, bytes)
  }
  return bytes
}

/** The code points the font can draw (its cmap), to replace the rest before drawing. */
function coverage(weight: FontWeight): Set<number> {
  let set = coverageCache.get(weight)
  if (!set) {
    set = new Set(fontkit.create(unicodeFontBytes(weight) as Buffer).characterSet)
    coverageCache.set(weight, set)
  }
  return set
}

/** The regular and bold faces embedded in one document; use these for every drawText. */
export interface PdfFonts {
  regular: PDFFont
  bold: PDFFont
}

/**
 * Embeds the Unicode font (regular and bold, subset) into `doc`. Ligatures are switched off so
 * a copied or searched name reads back letter for letter (pdftotext gives "fi", not "ﬁ").
 */
export async function embedUnicodeFonts(doc: PDFDocument): Promise<PdfFonts> {
  doc.registerFontkit(fontkit)
  const options = { subset: true, features: { liga: false, rlig: false, calt: false } }
  const regular = await doc.embedFont(unicodeFontBytes('regular'), options)
  const bold = await doc.embedFont(unicodeFontBytes('bold'), options)
  return { regular, bold }
}

/**
 * A new, empty PDF with the clinic's producer line, the given title and the Unicode fonts
 * embedded. The starting point for every PDF (notes, day sheet, subject access, invoices,
 * letters): `const { doc, fonts } = await newPdf('Invoice 0042')`, then
 * `page.drawText(printable(text, 'regular'), { font: fonts.regular, ... })` and `doc.save()`.
 */
export async function newPdf(title: string): Promise<{ doc: PDFDocument; fonts: PdfFonts }> {
  const doc = await PDFDocument.create()
  doc.setTitle(title)
  doc.setProducer('Plinth')
  doc.setCreator('Plinth')
  const fonts = await embedUnicodeFonts(doc)
  return { doc, fonts }
}

/**
 * `text` made safe to draw in the Unicode font: tabs become two spaces, other control
 * characters are dropped, and a character the font has no glyph for (an emoji, a CJK name)
 * becomes "?" (an arrow "->") unless its decomposed form (letter + accent) can be drawn; a
 * combining accent the font lacks is dropped, keeping the letter. Letters the font covers
 * (Latin Extended, Greek, Cyrillic) are kept exactly as typed.
 */
export function printable(text: string, weight: FontWeight = 'regular'): string {
  const glyphs = coverage(weight)
  let out = ''
  for (const ch of text.normalize('NFC').replace(/\t/g, '  ')) {
    const cp = ch.codePointAt(0) ?? 0
    if (cp < 0x20 && ch !== '\n') continue
    if (ch === '\n' || glyphs.has(cp)) {
      out += ch
      continue
    }
    // A precomposed letter the font lacks may still be drawable as base letter + accent.
    const parts = [...ch.normalize('NFD')].filter((p) => glyphs.has(p.codePointAt(0) ?? 0))
    out += parts.length > 0 ? parts.join('') : ch === '→' ? '->' : '?'
  }
  return out
}
