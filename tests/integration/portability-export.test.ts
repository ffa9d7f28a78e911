import { strFromU8, unzipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ImportJob } from '../../src/shared/contract/imports'
import { aClient, callOk } from '../fixtures/clients'
import { aSession, openTempCore } from '../fixtures/temp-core'

type Core = Awaited<ReturnType<typeof openTempCore>>
const owner = aSession('owner')

async function settle(core: Core, job: ImportJob): Promise<ImportJob> {
  await core.imports.idle()
  return callOk(core, 'imports.job', { id: job.id }, owner)
}

async function clientsOf(core: Core) {
  const rows = await core.db
    .selectFrom('clients')
    .select([
      'title',
      'first_name',
      'last_name',
      'preferred_name',
      'date_of_birth',
      'mobile',
      'email',
      'address',
      'postcode',
      'tags',
      'referral_source',
    ])
    .select((eb) => [
      eb('marketing_email_at', 'is not', null).as('marketing_email'),
      eb('archived_at', 'is not', null).as('archived'),
    ])
    .orderBy('last_name')
    .execute()
  return rows
}

describe('exporting the clinic', () => {
  let source: Core
  let target: Core
  beforeEach(async () => {
    source = await openTempCore()
    target = await openTempCore()
  })
  afterEach(async () => {
    await source.dispose()
    await target.dispose()
  })

  it('zips one CSV per table and a JSON with everything, without staff secrets', async () => {
    await aClient().named('Priya', 'Shah').in(source)
    const out = await callOk(source, 'exports.clinic', {}, owner)
    const files = unzipSync(Buffer.from(out.base64, 'base64'))
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['clients.csv', 'plinth-export.json']),
    )
    expect(Object.keys(files)).not.toContain('users.csv')
    // Search bookkeeping is derived, not a record: rebuilt on open.
    expect(Object.keys(files)).not.toContain('search_versions.csv')
    const json = JSON.parse(strFromU8(files['plinth-export.json']!)) as {
      tables: Record<string, unknown[]>
    }
    expect(json.tables['clients']).toHaveLength(1)
    expect(out.counts['clients']).toBe(1)
    expect(strFromU8(files['clients.csv']!)).not.toMatch(/_norm/)
  })

  it('gives the same clients when the export is imported into an empty clinic', async () => {
    await aClient({
      dateOfBirth: '1985-03-14',
      address: '12 High Street, Flat 2',
      tags: ['runner', 'vip'],
    })
      .named('Aisha', 'Khan')
      .withEmail('aisha@example.co.uk')
      .in(source)
    await aClient({ marketingEmail: true, postcode: 'sw1a 1aa', preferredName: 'Tom' })
      .named('Thomas', "O'Brien")
      .in(source, owner)
    // Typed text that a spreadsheet would run as a formula, and a phone starting with "+".
    await aClient({
      // International numbers keep their '+' (tidyPhone), which a spreadsheet reads as a formula.
      mobile: '+33 6 12 34 56 78',
      email: 'dan@example.com',
      title: 'Dr',
      address: '=HYPERLINK("http://evil.example","Open")',
      referralSource: '@SUM(1+1)',
    })
      .named('Dan', 'Évora')
      .archived()
      .in(source, owner)

    const out = await callOk(source, 'exports.clinic', {}, owner)
    const files = unzipSync(Buffer.from(out.base64, 'base64'))
    const csv = strFromU8(files['clients.csv']!)
    // Neutralised for Excel with its own "text" apostrophe (and quoted where needed).
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""Open"")"`)
    expect(csv).toContain(`,'@SUM(1+1),`)
    expect(csv).toContain(`,'+33 6 12 34 56 78,`)
    expect(csv).not.toMatch(/(^|,)[=+@]/m)

    const opened = await callOk(
      target,
      'imports.open',
      { fileName: 'clients.csv', text: csv },
      owner,
    )
    const checked = await settle(
      target,
      await callOk(
        target,
        'imports.check',
        { importId: opened.importId, mapping: opened.mapping },
        owner,
      ),
    )
    expect(checked.report).toMatchObject({ total: 3, errors: 0 })
    const done = await settle(
      target,
      await callOk(
        target,
        'imports.run',
        { importId: opened.importId, includeDuplicates: true },
        owner,
      ),
    )
    expect(done.state).toBe('done')
    expect(await clientsOf(target)).toEqual(await clientsOf(source))
  })
})
