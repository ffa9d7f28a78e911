import Papa from 'papaparse'
import { FORMULA_START } from '../csv-cell'

export interface ParsedCsv {
  headers: string[]
  /** Each data row with its line in the file (header = line 1), blank lines dropped. */
  rows: { line: number; cells: string[] }[]
}

/**
 * Papaparse, not a hand-written splitter: real exports carry a byte-order mark, quoted commas
 * and line breaks inside quotes, CRLF or LF endings and stray blank lines, and papaparse
 * handles all of them (RFC 4180), is widely used and has no dependencies.
 */
export function parseCsv(text: string): ParsedCsv {
  const collect = collector()
  collect.add(Papa.parse<string[]>(withoutBom(text), { skipEmptyLines: false }).data)
  return collect.done()
}

/** 64 KiB of CSV, ~600 client rows: a few milliseconds of parsing per turn of the loop. */
const SLICE_CHARS = 64 * 1024

/**
 * parseCsv in slices of `sliceChars` characters, letting the event loop turn between them
 * (papaparse's own chunked parsing, paused and resumed): a 50,000-row file took main's
 * event loop for seconds in one piece (issue 19). Same result as parseCsv; rows and quoted
 * line breaks may straddle slices.
 */
export function parseCsvInSlices(text: string, sliceChars = SLICE_CHARS): Promise<ParsedCsv> {
  const collect = collector()
  const clean = withoutBom(text)
  return new Promise((resolve, reject) => {
    Papa.parse<string[]>(clean, {
      skipEmptyLines: false,
      // Papaparse guesses the line ending from the first slice; the whole file's guess keeps
      // the answer the one-piece parse gives.
      newline: lineEndingOf(clean),
      chunkSize: sliceChars,
      chunk: (results: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
        try {
          collect.add(results.data)
        } catch (error) {
          parser.abort()
          reject(error instanceof Error ? error : new Error(String(error)))
          return
        }
        parser.pause()
        setImmediate(() => parser.resume())
      },
      complete: () => resolve(collect.done()),
      error: (error: Error) => reject(error),
    })
  })
}

/**
 * The line ending papaparse guesses for a whole text (its guessLineEndings, papaparse 5):
 * the first megabyte outside quotes; LF if there is no CR or an LF comes first, else CRLF
 * when at least half the CRs are followed by LF, else CR.
 */
function lineEndingOf(text: string): '\n' | '\r\n' | '\r' {
  const head = text.substring(0, 1024 * 1024).replace(/"[^]*?"/gm, '')
  const r = head.split('\r')
  const n = head.split('\n')
  if (r.length === 1 || (n.length > 1 && n[0]!.length < r[0]!.length)) return '\n'
  const withN = r.filter((piece) => piece[0] === '\n').length
  return withN >= r.length / 2 ? '\r\n' : '\r'
}

const withoutBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)

/** Turns papaparse's rows, in order and in any number of pieces, into headers and lines. */
function collector() {
  let line = 0
  const rows: ParsedCsv['rows'] = []
  let headers: string[] | null = null
  return {
    add(all: string[][]) {
      // Papaparse reports rows, not lines; a quoted cell may hold line breaks, so count them.
      for (const cells of all) {
        line += 1
        const breaks = cells.reduce((n, c) => n + (c.match(/\r\n|\r|\n/g)?.length ?? 0), 0)
        const blank = cells.every((c) => c.trim() === '')
        if (!blank) {
          if (headers === null) headers = cells.map((h) => h.trim())
          else rows.push({ line, cells })
        }
        line += breaks
      }
    },
    done: (): ParsedCsv => ({ headers: headers ?? [], rows }),
  }
}

/**
 * Excel's tricks for keeping a cell as text: ="1558354464010667075" (long ids) and a leading
 * apostrophe before = + - @ (how Plinth's own exports neutralise formulas, see csvCell).
 */
export function unescapeExcel(value: string): string {
  const m = /^="(.*)"$/s.exec(value.trim())
  if (m) return m[1]!.replace(/""/g, '"')
  const raw = value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value
  return raw.trim()
}
