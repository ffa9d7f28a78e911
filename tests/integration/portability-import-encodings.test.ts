import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseImportDate } from '../../src/main/services/portability/import-dates'
import type { ImportJob } from '../../src/shared/contract/imports'
import { aClient } from '../fixtures/clients'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

// Issue #11 items 19-20: a clients CSV is read in the encoding it was saved in (Excel's
// "CSV (Comma delimited)" is Windows-1252), never with U+FFFD; two-digit birth years are
// never in the future of the import's clock. The fixtures are real bytes, written by
// Python's codecs (tests/fixtures/files/encodings).

const owner = aSession('owner')
const NOV_2026 = new Date('2026-11-29T12:00:00Z')
type Core = Awaited<ReturnType<typeof openTempCore>>
let core: Core
beforeEach(async () => {
  core = await openTempCore({ now: () => NOV_2026 })
})
afterEach(async () => {
  await core.dispose()
})

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../fixtures/files/encodings/${name}`, import.meta.url)))

async function settle(job: ImportJob): Promise<ImportJob> {
  await core.imports.idle()
  const r = await call(core, 'imports.job', { id: job.id }, owner)
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

async function open(bytes: Buffer, fileName = 'clients.csv') {
  return call(core, 'imports.open', { fileName, base64: bytes.toString('base64') }, owner)
}

/** Opens and checks a file with the mapping Plinth guessed; returns the file and report. */
async function openAndCheck(bytes: Buffer) {
  const opened = await open(bytes)
  if (!opened.ok) throw new Error(opened.error.message)
  const checked = await call(
    core,
    'imports.check',
    { importId: opened.value.importId, mapping: opened.value.mapping },
    owner,
  )
  if (!checked.ok) throw new Error(checked.error.message)
  return { opened, report: (await settle(checked.value)).report! }
}

/** Opens, checks and imports a file; returns the report and the stored clients. */
async function importAll(bytes: Buffer) {
  const { opened, report } = await openAndCheck(bytes)
  const started = await call(core, 'imports.run', { importId: opened.value.importId }, owner)
  if (!started.ok) throw new Error(started.error.message)
  await settle(started.value)
  const clients = await core.db
    .selectFrom('clients')
    .select(['first_name', 'last_name', 'mobile', 'date_of_birth'])
    .orderBy('id')
    .execute()
  return { opened: opened.value, report, clients }
}

const EXPECTED = [
  { first_name: 'Zoë', last_name: 'Smith', mobile: '07911 123456', date_of_birth: '1986-12-05' },
  {
    first_name: 'François',
    last_name: 'Lefèvre',
    mobile: '07400 654321',
    date_of_birth: '1985-03-14',
  },
  {
    first_name: 'Siân',
    last_name: 'O’Brien',
    // Typed '+44 (0)7700 100200' in the file: stored the clinic's way (tidyPhone).
    mobile: '07700 100200',
    date_of_birth: '1990-02-01',
  },
]

describe('reading a clients CSV in the encoding it was saved in (item 19)', () => {
  it.each([
    ['clients-excel-windows-1252.csv', 'Windows-1252'],
    ['clients-utf-8.csv', 'UTF-8'],
    ['clients-utf-8-bom.csv', 'UTF-8 with BOM'],
    ['clients-utf-16-le-bom.csv', 'UTF-16 LE'],
    ['clients-utf-16-be-bom.csv', 'UTF-16 BE'],
  ])('imports %s (%s) with Zoë, François and Siân as typed', async (file, encoding) => {
    const { opened, clients } = await importAll(fixture(file))
    expect(opened.encoding).toBe(encoding)
    expect(opened.headers).toEqual(['First name', 'Last name', 'Mobile', 'Date of birth'])
    expect(clients).toEqual(EXPECTED)
    for (const c of clients) expect(JSON.stringify(c)).not.toContain('\uFFFD')
  })

  it('refuses UTF-16 without a byte-order mark, naming the encoding', async () => {
    const r = await open(fixture('clients-utf-16-le-no-bom.csv'))
    expect(r.ok).toBe(false)
    expect(r.ok ? '' : r.error.message).toMatch(/UTF-16.*without a byte-order mark.*CSV UTF-8/)
  })

  it('refuses a Central European (Windows-1250) file rather than guessing its letters', async () => {
    const r = await open(fixture('clients-windows-1250.csv'))
    expect(r.ok ? '' : r.error.message).toMatch(/neither UTF-8 nor Windows-1252.*CSV UTF-8/)
  })

  it('refuses a file that is not text, and UTF-8-with-BOM that is damaged', async () => {
    const png = readFileSync(
      fileURLToPath(new URL('../fixtures/files/posture.png', import.meta.url)),
    )
    expect((await open(png)).ok ? '' : 'refused').toBe('refused')
    const damaged = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('a,b\r\nZo\xeb,S\r\n', 'latin1'),
    ])
    const r = await open(damaged)
    expect(r.ok ? '' : r.error.message).toMatch(/UTF-8 but has bytes that are not UTF-8/)
  })

  it('refuses already-decoded text holding U+FFFD, saying which line', async () => {
    const r = await call(
      core,
      'imports.open',
      { fileName: 'x.csv', text: 'First name,Last name,Mobile\r\nZo\uFFFD,Smith,07911 123456\r\n' },
      owner,
    )
    expect(r.ok ? '' : r.error.message).toMatch(/Line 2 .*could not be read/)
    expect(await core.db.selectFrom('clients').select('id').execute()).toEqual([])
  })

  it('finds an existing client by phone however the file writes it (item 15 in imports)', async () => {
    await aClient().named('Zoë', 'Smith').withMobile('+44 (0)7911 123456').in(core)
    const { report } = await openAndCheck(fixture('clients-excel-windows-1252.csv'))
    expect(report.duplicates).toBe(1)
    expect(report.problems.find((p) => p.kind === 'duplicate')).toMatchObject({
      name: 'Zoë Smith',
      reasons: [expect.stringMatching(/Already a client: Zoë Smith \(.*phone/)],
    })
  })
})

describe('two-digit birth years (item 20)', () => {
  it.each([
    // [cell, imported on, read as, a century warning?]
    ['05/12/26', NOV_2026, '1926-12-05', false],
    ['29/11/26', NOV_2026, '2026-11-29', true], // born today, or 100 today
    ['30/11/26', NOV_2026, '1926-11-30', false], // tomorrow in 2026: only 1926 is possible
    ['14/03/85', NOV_2026, '1985-03-14', false],
    ['01/01/99', NOV_2026, '1999-01-01', false],
    ['01/06/15', NOV_2026, '2015-06-01', true], // 11 years old or 111
    ['01/06/05', NOV_2026, '2005-06-01', false], // 1905 would be 121
    ['05/12/26', new Date('2027-01-10T09:00:00Z'), '2026-12-05', true],
    ['29/02/00', NOV_2026, '2000-02-29', false], // 1900 was no leap year
    ['29/02/01', NOV_2026, null, false],
  ] as const)('reads %s on %s as %s', (cell, now, iso, warned) => {
    const parsed = parseImportDate(cell, now)
    if (iso === null) return expect(parsed.ok).toBe(false)
    expect(parsed).toMatchObject({ ok: true, iso })
    expect(parsed.ok && parsed.century !== undefined).toBe(warned)
  })

  it('refuses a two-digit year when no clock is given, rather than reading the real one', () => {
    expect(parseImportDate('05/12/26')).toMatchObject({ ok: false })
  })

  it('imports 05/12/26 in November 2026 as 1926-12-05, and warns about 01/06/15', async () => {
    const csv = Buffer.from(
      'First name,Last name,Mobile,Date of birth\r\n' +
        'Edith,Older,07911 123456,05/12/26\r\n' +
        'Tom,Younger,07400 654321,01/06/15\r\n' +
        'Next,Year,07400 111222,2026-12-24\r\n',
    )
    const { report, clients } = await importAll(csv)
    expect(clients.map((c) => [c.first_name, c.date_of_birth])).toEqual([
      ['Edith', '1926-12-05'],
      ['Tom', '2015-06-01'],
    ])
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'Tom Younger',
          kind: 'warning',
          reasons: expect.arrayContaining([
            expect.stringMatching(/01\/06\/15 could be 2015 or 1915: read as 2015/),
          ]),
        }),
        expect.objectContaining({
          name: 'Next Year',
          kind: 'error',
          reasons: [expect.stringMatching(/in the future/)],
        }),
      ]),
    )
  })
})
