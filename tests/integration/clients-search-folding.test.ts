import { join } from 'node:path'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCore } from '../../src/main/app-core'
import { silentLogger } from '../../src/main/log'
import { normaliseName, normalisePhone } from '../../src/main/services/clients/normalise'
import type { Duplicate, SearchResult } from '../../src/shared/contract/clients'
import { aClient } from '../fixtures/clients'
import { aSession, openTempCore, tempDir } from '../fixtures/temp-core'
import { testKey } from '../fixtures/test-key'

// Issue #11 items 15-17: one phone key and one name folding for search, duplicate checks and
// imports, so "+44 (0)7911 123456", "bialek" and "de la mare" find the client.

const reception = aSession('reception')
const now = new Date('2026-11-25T10:00:00Z')
let core: Awaited<ReturnType<typeof openTempCore>>
beforeEach(async () => {
  core = await openTempCore({ now: () => now })
})
afterEach(async () => {
  await core.dispose()
})

async function search(query: string): Promise<string[]> {
  const r = await core.router.call('clients.search', { query, includeArchived: false }, reception)
  if (!r.ok) throw new Error(r.error.message)
  return (r.value as SearchResult).results.map((c) => c.displayName)
}

async function duplicatesOf(probe: object): Promise<Duplicate[]> {
  const r = await core.router.call('clients.duplicates', probe, reception)
  if (!r.ok) throw new Error(r.error.message)
  return r.value as Duplicate[]
}

/** Every way people write Priya's UK mobile 07911 123456. */
const PRIYA_WRITTEN = [
  '+44 (0)7911 123456',
  '+44(0)7911123456',
  '+44 (0) 7911 123 456',
  '+44 07911 123456',
  '+447911123456',
  '0044 7911 123456',
  '0044 (0)7911 123456',
  '00447911123456',
  '447911123456',
  '44 7911 123456',
  '(+44) 7911 123456',
  '07911 123456',
  '07911-123-456',
  '07911.123.456',
  '(07911) 123456',
  '0 7911 123 456',
  '7911 123456',
]

describe('one phone key, however a UK number is written (item 15)', () => {
  it.each(PRIYA_WRITTEN)('normalises %s to 7911123456', (written) => {
    expect(normalisePhone(written)).toBe('7911123456')
  })

  it('keys other countries by calling code, without their trunk 0', () => {
    expect(normalisePhone('+33 (0)6 12 34 56 78')).toBe('33612345678')
    expect(normalisePhone('0033 6 12 34 56 78')).toBe('33612345678')
    expect(normalisePhone('+353 (0)87 123 4567')).toBe('353871234567')
    expect(normalisePhone('')).toBe('')
  })

  it('keys a number in a range the metadata does not know like any other', () => {
    // 07700 900xxx is Ofcom's drama range; libphonenumber's metadata may not list it.
    for (const w of ['07700 900123', '+44 (0)7700 900123', '0044 7700-900-123']) {
      expect(normalisePhone(w)).toBe('7700900123')
    }
  })

  it.each(PRIYA_WRITTEN)('finds Priya by %s in search and the duplicate check', async (written) => {
    await aClient().named('Priya', 'Shah').withMobile('07911 123456').in(core)
    await aClient().named('Tom', 'Reed').withMobile('07400 654321').in(core)
    expect(await search(written)).toEqual(['Priya Shah'])
    expect(await duplicatesOf({ mobile: written })).toMatchObject([
      { client: { displayName: 'Priya Shah' }, reasons: ['phone'] },
    ])
  })

  it('finds a client whose mobile is in a range the metadata does not list, however written', async () => {
    await aClient().named('Nia', 'Hughes').withMobile('07700 900123').in(core)
    for (const written of ['+44 (0)7700 900123', '0044 7700-900-123', '07700.900.123']) {
      expect(await search(written)).toEqual(['Nia Hughes'])
      expect(await duplicatesOf({ mobile: written })).toMatchObject([
        { client: { displayName: 'Nia Hughes' }, reasons: ['phone'] },
      ])
    }
  })

  it('finds a number stored as +44 (0)… from its national form, and a fragment with (0)', async () => {
    await aClient().named('Dai', 'Price').withMobile('+44 (0)7400 654321').in(core)
    expect(await search('07400 654321')).toEqual(['Dai Price'])
    expect(await search('+44 (0)7400')).toEqual(['Dai Price'])
    expect(await search('654 321')).toEqual(['Dai Price'])
  })
})

describe('names with letters that have no accent to strip (item 16)', () => {
  it.each([
    ['Michał', 'Białek', ['bialek', 'michal', 'Białek', 'BIAŁEK', 'michal bialek', 'mich']],
    ['Søren', 'Kierkegård', ['soren', 'kierkegard', 'søren']],
    ['Jürgen', 'Straße', ['strasse', 'jurgen']],
    ['Æthelflæd', 'Þórsdóttir', ['aethelflaed', 'thorsdottir']],
    ['Işıl', 'Çelik', ['isil', 'celik']],
    ['Đorđe', 'Đoković', ['dorde', 'dokovic']],
    ['Chloé', 'Lœuvre', ['loeuvre', 'chloe']],
    ['Llŷr', 'Ŵyn', ['llyr', 'wyn']],
    ['Νίκος', 'Παπαδάκης', ['nikos', 'papadakis', 'Νίκος']],
  ])('finds %s %s by %j', async (first, last, queries) => {
    await aClient().named(first, last).in(core)
    await aClient().named('Other', 'Person').in(core)
    for (const q of queries) expect(await search(q), q).toEqual([`${first} ${last}`])
  })

  it('warns that a new Bialek with Białek’s date of birth may be the same client', async () => {
    await aClient().named('Michał', 'Białek').bornOn('1979-02-11').in(core)
    for (const lastName of ['Bialek', 'BIAŁEK', 'białek']) {
      expect(await duplicatesOf({ lastName, dateOfBirth: '1979-02-11' })).toMatchObject([
        { client: { displayName: 'Michał Białek' }, reasons: ['surname-dob'] },
      ])
    }
    expect(await duplicatesOf({ lastName: 'Hansen', dateOfBirth: '1979-02-11' })).toEqual([])
  })

  it('folds with one table: the stored column and the query agree', () => {
    expect(normaliseName('Michał Białek')).toBe('michal bialek')
    expect(normaliseName('Ørsted-Ærø')).toBe('orsted aero')
    expect(normaliseName('Zoë O’Brien')).toBe('zoe obrien')
  })
})

describe('multi-word surnames with short particles (item 17)', () => {
  beforeEach(async () => {
    await aClient().named('Walter', 'de la Mare').in(core)
    await aClient().named('Pieter', 'van der Berg').in(core)
    await aClient().named('Siobhán', "O'Brien").in(core)
    await aClient().named('Anna', 'Smith-Jones').in(core)
    await aClient().named('Dee', 'Lamb').in(core)
    await aClient().named('Laura', 'Dean').in(core)
  })

  it.each([
    ['de la mare', 'Walter de la Mare'],
    ['De La Mare', 'Walter de la Mare'],
    ['walter de la mare', 'Walter de la Mare'],
    ['delamare', 'Walter de la Mare'],
    ['la mare', 'Walter de la Mare'],
    ['de la m', 'Walter de la Mare'],
    ['van der berg', 'Pieter van der Berg'],
    ['van der', 'Pieter van der Berg'],
    ['vanderberg', 'Pieter van der Berg'],
    ['pieter van der berg', 'Pieter van der Berg'],
    ["o'brien", "Siobhán O'Brien"],
    ['o’brien', "Siobhán O'Brien"],
    ['obrien', "Siobhán O'Brien"],
    ['o brien', "Siobhán O'Brien"],
    ['smith-jones', 'Anna Smith-Jones'],
    ['smith jones', 'Anna Smith-Jones'],
    ['smithjones', 'Anna Smith-Jones'],
    ['anna smith-jones', 'Anna Smith-Jones'],
  ])('finds %s', async (query, name) => {
    const found = await search(query)
    expect(found[0]).toBe(name)
    // Three letters or more in a word: every word must match, so "Dean" is no near miss.
    if (/\w{3}/.test(query)) expect(found).not.toContain('Laura Dean')
  })

  it('puts the surname "de la Mare" first for "de la", above names merely starting "de"', async () => {
    expect((await search('de la'))[0]).toBe('Walter de la Mare')
  })
})

describe('clients saved under older rules (re-normalised on open)', () => {
  it('finds Michał Białek by "bialek" and by "+44 (0)" after the database is reopened', async () => {
    const tmp = tempDir()
    const file = join(tmp.dir, 'clinic.sqlite')
    try {
      let opened = await openCore({ file, key: testKey, log: silentLogger, now: () => now })
      await aClient().named('Michał', 'Białek').withMobile('07911 123456').in(opened)
      // What older normalisers stored: NFKD leaves ł alone; a number libphonenumber did not
      // know kept its trunk 0.
      await opened.db
        .updateTable('clients')
        .set({ first_name_norm: 'michał', last_name_norm: 'białek', mobile_norm: '07911123456' })
        .execute()
      await sql`DELETE FROM clients_search`.execute(opened.db)
      await sql`INSERT INTO clients_search (rowid, names, contact, phones)
                SELECT id, 'michał białek', '', '07911123456' FROM clients`.execute(opened.db)
      await opened.db.deleteFrom('search_versions').execute()
      await opened.close()

      opened = await openCore({ file, key: testKey, log: silentLogger, now: () => now })
      const found = async (query: string) => {
        const r = await opened.router.call(
          'clients.search',
          { query, includeArchived: false },
          reception,
        )
        if (!r.ok) throw new Error(r.error.message)
        return (r.value as SearchResult).results.map((c) => c.displayName)
      }
      expect(await found('bialek')).toEqual(['Michał Białek'])
      expect(await found('michal')).toEqual(['Michał Białek'])
      expect(await found('+44 (0)7911 123456')).toEqual(['Michał Białek'])
      const row = await opened.db
        .selectFrom('clients')
        .select(['last_name_norm', 'mobile_norm'])
        .executeTakeFirstOrThrow()
      expect(row).toEqual({ last_name_norm: 'bialek', mobile_norm: '7911123456' })
      const version = await opened.db
        .selectFrom('search_versions')
        .selectAll()
        .where('name', '=', 'clients')
        .execute()
      expect(version).toEqual([
        { name: 'clients', version: expect.any(Number), rebuilt_at: now.toISOString() },
      ])
      await opened.close()
    } finally {
      tmp.remove()
    }
  })
})
