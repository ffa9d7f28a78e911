import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ImportJob } from '../../src/shared/contract/imports'
import { parseImportDate } from '../../src/main/services/portability/import-dates'
import { aClient } from '../fixtures/clients'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

const cliniko = readFileSync(
  fileURLToPath(new URL('../fixtures/Patients-Cliniko-20260101.csv', import.meta.url)),
  'utf8',
)
const owner = aSession('owner')

type Core = Awaited<ReturnType<typeof openTempCore>>

async function settle(core: Core, job: ImportJob): Promise<ImportJob> {
  await core.imports.idle()
  const result = await call(core, 'imports.job', { id: job.id }, owner)
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

async function openAndCheck(core: Core, text = cliniko) {
  const opened = await call(
    core,
    'imports.open',
    { fileName: 'Patients-Cliniko-20260101.csv', text },
    owner,
  )
  if (!opened.ok) throw new Error(opened.error.message)
  const started = await call(
    core,
    'imports.check',
    { importId: opened.value.importId, mapping: opened.value.mapping },
    owner,
  )
  if (!started.ok) throw new Error(started.error.message)
  return { opened: opened.value, checked: await settle(core, started.value) }
}

describe('importing clients from a Cliniko export', () => {
  let core: Core
  beforeEach(async () => {
    core = await openTempCore()
  })
  afterEach(async () => {
    await core.dispose()
  })

  it('recognises Cliniko, strips the BOM and maps its columns', async () => {
    const { opened } = await openAndCheck(core)
    expect(opened.preset).toBe('cliniko')
    expect(opened.headers[0]).toBe('Patient ID')
    expect(opened.rowCount).toBe(7)
    expect(opened.mapping).toMatchObject({
      importRef: 'Patient ID',
      firstName: 'First Name',
      dateOfBirth: 'Date of Birth',
      postcode: 'Post Code',
      marketingEmail: 'Accepts Email Marketing',
      archivedAt: 'Archived At',
    })
  })

  it('reports bad rows with reasons and flags swapped or ambiguous dates', async () => {
    const { checked } = await openAndCheck(core)
    const report = checked.report!
    expect(report).toMatchObject({ total: 7, ready: 4, errors: 3, duplicates: 0 })
    const byName = Object.fromEntries(report.problems.map((p) => [p.name, p]))
    expect(byName['Grace Hughes']).toMatchObject({ kind: 'error', line: 5 })
    expect(byName['Grace Hughes']!.reasons.join()).toMatch(/month\/day order/)
    expect(byName['No Contact']!.reasons.join()).toMatch(/phone number or an e-mail/)
    expect(byName['Sam Taylor']!.reasons.join()).toMatch(/not a real date/)
    expect(byName['Olu Adeyemi']).toMatchObject({ kind: 'warning' })
    expect(byName['Olu Adeyemi']!.reasons.join()).toMatch(/read as day\/month \(1992-03-04\)/)
  })

  it('imports the good rows in one go, keeps quoted commas and Excel ids, and can undo it', async () => {
    const { opened } = await openAndCheck(core)
    const started = await call(core, 'imports.run', { importId: opened.importId }, owner)
    if (!started.ok) throw new Error(started.error.message)
    const done = await settle(core, started.value)
    expect(done).toMatchObject({ state: 'done', created: 4 })

    const aisha = await core.db
      .selectFrom('clients')
      .selectAll()
      .where('last_name', '=', 'Khan')
      .executeTakeFirstOrThrow()
    expect(aisha).toMatchObject({
      import_ref: '1558354464010667075',
      address: '12 High Street, Flat 2',
      postcode: 'SW1A 1AA',
      date_of_birth: '1985-03-14',
      import_batch_id: done.batchId,
    })
    expect(aisha.marketing_email_at).not.toBeNull()
    const olu = await core.db
      .selectFrom('clients')
      .select(['archived_at', 'date_of_birth'])
      .where('last_name', '=', 'Adeyemi')
      .executeTakeFirstOrThrow()
    expect(olu).toEqual({ archived_at: '2023-06-01T00:00:00.000Z', date_of_birth: '1992-03-04' })
    const search = await call(core, 'clients.search', { query: "o'brien" }, owner)
    expect(search.ok && search.value.results.map((r) => r.displayName)).toEqual(["Tom O'Brien"])

    const audit = await core.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'imports.run')
      .execute()
    expect(audit[0]!.summary).toMatch(/Imported 4 clients .*3 rows skipped/)
    // Issue 19: the commit's automatic checkpoint is off only for the import, and a worker
    // thread has copied the import's WAL back into the file (nothing left to copy).
    expect(core.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000)
    const [busy, frames, copied] = Object.values(
      (core.sqlite.pragma('wal_checkpoint(NOOP)') as Record<string, number>[])[0]!,
    )
    expect([busy, copied]).toEqual([0, frames])

    // Each imported client's own history says where it came from.
    const aishaTimeline = await call(core, 'clients.timeline', { id: aisha.id }, owner)
    if (!aishaTimeline.ok) throw new Error(aishaTimeline.error.message)
    expect(aishaTimeline.value).toEqual([
      expect.objectContaining({
        action: 'clients.imported',
        who: 'owner-1',
        summary: expect.stringMatching(
          /^Imported from Patients-Cliniko-20260101\.csv \(line \d+\)$/,
        ),
      }),
    ])
    const perClient = await core.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'clients.imported')
      .execute()
    expect(perClient).toHaveLength(4)

    const undone = await call(core, 'imports.undo', { batchId: done.batchId! }, owner)
    expect(undone.ok).toBe(true)
    const left = await core.db.selectFrom('clients').select('id').execute()
    expect(left).toEqual([])
    const again = await call(core, 'imports.undo', { batchId: done.batchId! }, owner)
    expect(again.ok ? null : again.error.code).toBe('conflict')
  })

  it('flags rows that match existing clients as duplicates and skips them by default', async () => {
    await aClient({ mobile: '' })
      .named('Aisha', 'Khan')
      .withEmail('AISHA.KHAN@example.co.uk')
      .in(core)
    const { opened, checked } = await openAndCheck(core)
    expect(checked.report).toMatchObject({ ready: 3, duplicates: 1 })
    const dup = checked.report!.problems.find((p) => p.kind === 'duplicate')!
    expect(dup.reasons.join()).toMatch(/Already a client: Aisha Khan \(email\)/)
    const started = await call(core, 'imports.run', { importId: opened.importId }, owner)
    const done = await settle(core, started.ok ? started.value : (null as never))
    expect(done.created).toBe(3)
  })

  it('finds surname-and-birthday duplicates among a chunk of hundreds of different ones', async () => {
    // Issue 19: the chunk's ~1,000 surname/birthday pairs are looked up as pairs, in batches.
    await aClient({ mobile: '07700 900123', dateOfBirth: '1984-03-07' })
      .named('Aisha', 'Khan')
      .in(core)
    const rows = Array.from({ length: 499 }, (_, i) => {
      const day = String((i % 28) + 1).padStart(2, '0')
      const month = String((i % 12) + 1).padStart(2, '0')
      return `Row${i},Surname${i},${day}/${month}/${1950 + (i % 50)},row${i}@example.com`
    })
    // Last in the chunk, birthday written day first, and day and month swapped.
    rows.push('Aisha,Khan,07/03/1984,aisha.new@example.com')
    rows.push('A.,Khan,03/07/1984,a.khan@example.com')
    const text = ['First Name,Last Name,Date of Birth,Email', ...rows].join('\r\n')
    const { checked } = await openAndCheck(core, text)
    expect(checked.report).toMatchObject({ total: 501, duplicates: 2, errors: 0 })
    const reasons = checked
      .report!.problems.filter((p) => p.kind === 'duplicate')
      .map((p) => [p.line, p.reasons.join()])
    expect(reasons).toEqual([
      [501, 'Already a client: Aisha Khan (surname-dob)'],
      [502, 'Already a client: Aisha Khan (surname-dob-swapped)'],
    ])
  })

  it('refuses an empty file and a file over the size cap with plain messages', async () => {
    const empty = await call(core, 'imports.open', { fileName: 'x.csv', text: '\r\n\r\n' }, owner)
    expect(empty.ok ? '' : empty.error.message).toMatch(/empty/)
    const huge = await call(
      core,
      'imports.open',
      { fileName: 'x.csv', text: 'a'.repeat(50 * 1024 * 1024 + 1) },
      owner,
    )
    expect(huge.ok ? '' : JSON.stringify(huge.error)).toMatch(/over 50 MB/)
  })
})

describe('reading dates in an import', () => {
  it('reads dd/mm/yyyy, ISO and ISO date-times', () => {
    expect(parseImportDate('14/03/1985')).toEqual({ ok: true, iso: '1985-03-14', ambiguous: false })
    expect(parseImportDate('1985-03-14')).toEqual({ ok: true, iso: '1985-03-14', ambiguous: false })
    expect(parseImportDate('2023-06-01T10:00:00Z')).toMatchObject({ ok: true, iso: '2023-06-01' })
  })
  it('flags a day/month that could be either, and refuses month-first', () => {
    expect(parseImportDate('04/03/1992')).toMatchObject({ ok: true, ambiguous: true })
    expect(parseImportDate('03/25/1979')).toMatchObject({ ok: false })
    expect(parseImportDate('31/02/1988')).toMatchObject({ ok: false })
  })
})
