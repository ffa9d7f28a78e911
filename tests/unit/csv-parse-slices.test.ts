import { describe, expect, it } from 'vitest'
import { parseCsv, parseCsvInSlices } from '../../src/main/services/portability/csv-parse'

// Issue 19: a big file is parsed in slices between turns of main's event loop; the result
// must be the one-piece parse's, whatever falls on a slice's edge.
const tricky =
  '\ufeffFirst Name,Last Name,Notes\r\n' +
  'Aisha,Khan,"line one\r\nline two, with a comma"\r\n' +
  '\r\n' +
  '"Sam ""Sammy""",O\'Neil,\r\n' +
  'Chloé,Brown,"a\r\nb\nc"\r\n' +
  ',,\r\n' +
  'Zoë,Åberg,last'

describe('parsing a CSV file in slices', () => {
  it('gives the same headers, cells and line numbers as one piece, for every slice size', async () => {
    const whole = parseCsv(tricky)
    expect(whole.headers).toEqual(['First Name', 'Last Name', 'Notes'])
    expect(whole.rows.map((r) => r.line)).toEqual([2, 5, 6, 10])
    for (let size = 1; size <= tricky.length + 1; size++) {
      expect(await parseCsvInSlices(tricky, size), `slices of ${size}`).toEqual(whole)
    }
    // LF and old-Mac CR files too: the line ending is the whole file's, not a slice's guess.
    for (const eol of ['\n', '\r']) {
      const text = tricky.replaceAll('\r\n', eol)
      const one = parseCsv(text)
      expect(one.rows).toHaveLength(4)
      for (const size of [1, 2, 3, 7, 64]) {
        expect(await parseCsvInSlices(text, size), `${JSON.stringify(eol)} in ${size}`).toEqual(one)
      }
    }
  })

  it('lets the event loop turn between slices', async () => {
    const text = 'a,b\n' + Array.from({ length: 2000 }, (_, i) => `${i},x`).join('\n')
    let turns = 0
    const ticking = setInterval(() => turns++, 0)
    const parsed = await parseCsvInSlices(text, 1024)
    clearInterval(ticking)
    expect(parsed.rows).toHaveLength(2000)
    expect(parsed.rows[1999]).toEqual({ line: 2001, cells: ['1999', 'x'] })
    expect(turns).toBeGreaterThan(0)
  })
})
