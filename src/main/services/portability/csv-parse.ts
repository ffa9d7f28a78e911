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
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const result = Papa.parse<string[]>(clean, { skipEmptyLines: false })
  const all = result.data
  let line = 0
  const rows: ParsedCsv['rows'] = []
  let headers: string[] | null = null
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
  return { headers: headers ?? [], rows }
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
