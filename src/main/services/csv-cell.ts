/**
 * One CSV cell as Plinth writes it for the clinic's files (audit log, clinic export): quoted
 * when it holds a quote, comma or line break (RFC 4180), and neutralised when it starts with
 * = + - @ tab or CR, which Excel and LibreOffice would otherwise run as a formula (OWASP "CSV
 * injection"): a client called "=HYPERLINK(...)" must not become a live link in the owner's
 * spreadsheet. The leading apostrophe is the spreadsheet's own "this is text" mark; Plinth's
 * import takes it off again (see unescapeExcel), so an export still imports back unchanged.
 * Numbers are written as they are: a stored number cannot carry a formula.
 */
export function csvCell(value: string | number | bigint | null | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value !== 'string') return String(value)
  const safe = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

export const FORMULA_START = /^[=+\-@\t\r]/

/** A CSV file's text: header and rows, CRLF line ends (what Excel writes and expects). */
export function csvText(header: string[], rows: (string | number | bigint | null)[][]): string {
  const lines = [header.map(csvCell).join(',')]
  for (const row of rows) lines.push(row.map(csvCell).join(','))
  return lines.join('\r\n') + '\r\n'
}
