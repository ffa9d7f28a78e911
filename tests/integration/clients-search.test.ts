import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SearchResult } from '../../src/shared/contract/clients'
import { aClient } from '../fixtures/clients'
import { aSession, openTempCore } from '../fixtures/temp-core'

let core: Awaited<ReturnType<typeof openTempCore>>
beforeEach(async () => {
  core = await openTempCore({ now: () => new Date('2026-11-25T10:00:00Z') })
})
afterEach(async () => {
  await core.dispose()
})

async function search(query: string, includeArchived = false): Promise<SearchResult> {
  const r = await core.router.call(
    'clients.search',
    { query, includeArchived },
    aSession('reception'),
  )
  if (!r.ok) throw new Error(r.error.message)
  return r.value as SearchResult
}

const names = (r: SearchResult) => r.results.map((c) => c.displayName)

describe('finding a caller by phone, whatever format they read it out in', () => {
  beforeEach(async () => {
    await aClient().named('Priya', 'Shah').withMobile('07911 123456').in(core)
    await aClient().named('Tom', 'Hughes').withMobile('+44 7400 654321').in(core)
    await aClient().named('Élodie', 'Martin').withMobile('+33 6 98 76 54 32').in(core)
  })

  it.each([
    ['07911 123456'],
    ['07911123456'],
    ['+44 7911 123456'],
    ['+447911123456'],
    ['0044 7911 123456'],
    ['7911123456'],
    ['123456'],
    ['123 456'],
    ['(07911) 123-456'],
  ])('finds Priya from %s', async (query) => {
    expect(names(await search(query))).toEqual(['Priya Shah'])
  })

  it('finds a number stored in international format from its UK national form', async () => {
    expect(names(await search('07400 654321'))).toEqual(['Tom Hughes'])
  })

  it('finds a French mobile from its international form and its last digits', async () => {
    expect(names(await search('+33 6 98 76 54 32'))).toEqual(['Élodie Martin'])
    expect(names(await search('765432'))).toEqual(['Élodie Martin'])
  })

  it('ranks the exact number above one that merely contains the digits', async () => {
    await aClient().named('Zara', 'Able').withMobile('07123 456789').in(core)
    // "123456" is inside Zara's number and the end of Priya's: Priya's ending ranks first.
    expect(names(await search('123456'))).toEqual(['Priya Shah', 'Zara Able'])
    expect(names(await search('07123 456789'))).toEqual(['Zara Able'])
  })
})

describe('finding a caller by name, e-mail, postcode or date of birth', () => {
  beforeEach(async () => {
    await aClient()
      .named('Siobhán', "O'Brien")
      .withEmail('siobhan.obrien@example.org')
      .livingAt('ls6 2ab')
      .bornOn('1988-04-03')
      .in(core)
    await aClient().named('Robert', 'Smith', 'Bob').withMobile('07700 100200').in(core)
  })

  it('matches any part of a first, last or preferred name, ignoring case and accents', async () => {
    expect(names(await search('siob'))).toEqual(["Siobhán O'Brien"])
    expect(names(await search('hán'))).toEqual(["Siobhán O'Brien"])
    expect(names(await search("o'brien"))).toEqual(["Siobhán O'Brien"])
    expect(names(await search('obrien'))).toEqual(["Siobhán O'Brien"])
    expect(names(await search('MITH'))).toEqual(['Robert (Bob) Smith'])
    expect(names(await search('bob'))).toEqual(['Robert (Bob) Smith'])
    expect(names(await search('bob smith'))).toEqual(['Robert (Bob) Smith'])
  })

  it('matches several words each anywhere, in names or contact details, in any order', async () => {
    await aClient().named('Joanne', 'Smithers').withEmail('jo.runs@example.org').in(core)
    // Neither an exact nor a starting match: only the "contains" tier finds these.
    expect(names(await search('anne smith'))).toEqual(['Joanne Smithers'])
    expect(names(await search('hers oann'))).toEqual(['Joanne Smithers'])
    expect(names(await search('runs smithers'))).toEqual(['Joanne Smithers'])
    expect(names(await search('siobhan example'))).toEqual(["Siobhán O'Brien"])
    // Every word must be there.
    expect(names(await search('anne jones'))).toEqual([])
    expect(names(await search('joanne brien'))).toEqual([])
  })

  it('matches an e-mail address or part of one', async () => {
    expect(names(await search('siobhan.obrien@example.org'))).toEqual(["Siobhán O'Brien"])
    expect(names(await search('example.org'))).toEqual(["Siobhán O'Brien"])
  })

  it('matches a postcode with or without its space, in any case', async () => {
    expect(names(await search('LS6 2AB'))).toEqual(["Siobhán O'Brien"])
    expect(names(await search('ls62ab'))).toEqual(["Siobhán O'Brien"])
  })

  it('matches a date of birth typed as dd/mm/yyyy', async () => {
    expect(names(await search('03/04/1988'))).toEqual(["Siobhán O'Brien"])
    expect(names(await search('3/4/1988'))).toEqual(["Siobhán O'Brien"])
    expect(names(await search('04/03/1988'))).toEqual([])
  })

  it('shows the age, phone and alert icons in each result', async () => {
    await aClient()
      .named('Dev', 'Patel')
      .withMobile('07911 222333')
      .bornOn('1990-11-26')
      .withAlert('Suspected DVT in left calf')
      .in(core)
    const [dev] = (await search('patel')).results
    expect(dev).toMatchObject({
      displayName: 'Dev Patel',
      dateOfBirth: '1990-11-26',
      age: 35,
      phone: '07911 222333',
      alerts: [{ severity: 'contraindication', text: 'Suspected DVT in left calf' }],
      nextAppointmentAt: null,
    })
  })
})

describe('ranking', () => {
  it('puts exact matches first, then names starting with the text, then the rest', async () => {
    await aClient().named('Anna', 'Dennison').in(core)
    await aClient().named('Dennis', 'Howe').in(core)
    await aClient().named('Ruth', 'Dennis').in(core)
    await aClient().named('Carl', 'Ardenniston').in(core)
    expect(names(await search('dennis'))).toEqual([
      'Ruth Dennis', // surname exactly
      'Dennis Howe', // first name exactly
      'Anna Dennison', // starts with
      'Carl Ardenniston', // contains
    ])
  })
})

describe('short queries and archived clients', () => {
  beforeEach(async () => {
    await aClient().named('Jo', 'Lee').in(core)
    await aClient().named('Mo', 'Jones').in(core)
    await aClient().named('Ajay', 'Kumar').in(core)
    await aClient().named('Joanne', 'Archer').archived().in(core)
  })

  it('matches only the start of a name for one or two characters', async () => {
    const r = await search('jo')
    expect(r.mode).toBe('names')
    // Exact "Jo" first; Ajay contains "j" but not at the start of a name.
    expect(names(r)).toEqual(['Jo Lee', 'Mo Jones'])
  })

  it('returns nothing for an empty query or a one- or two-digit number', async () => {
    expect(await search('')).toEqual({ mode: 'empty', results: [] })
    expect(await search('   ')).toEqual({ mode: 'empty', results: [] })
    expect((await search('07')).results).toEqual([])
  })

  it('searches anywhere from three characters', async () => {
    const r = await search('jay')
    expect(r.mode).toBe('full')
    expect(names(r)).toEqual(['Ajay Kumar'])
  })

  it('leaves archived clients out unless asked to include them', async () => {
    expect(names(await search('joanne'))).toEqual([])
    expect(names(await search('jo'))).not.toContain('Joanne Archer')
    const withArchived = await search('joanne', true)
    expect(withArchived.results).toMatchObject([{ displayName: 'Joanne Archer', archived: true }])
  })

  it('treats search text as text, not as full-text operators', async () => {
    expect((await search('"jo" OR *')).results).toEqual([])
    expect((await search('NEAR(jones)')).results).toEqual([])
  })
})

describe('keeping the index in step', () => {
  it('finds a client by their new number after an edit, and not by the old one', async () => {
    const c = await aClient().named('Leah', 'Grant').withMobile('07400 555666').in(core)
    const r = await core.router.call(
      'clients.update',
      { id: c.id, client: { ...aClient().named('Leah', 'Grant').input, mobile: '07400 777888' } },
      aSession('reception'),
    )
    expect(r.ok).toBe(true)
    expect(names(await search('555666'))).toEqual([])
    expect(names(await search('777888'))).toEqual(['Leah Grant'])
  })
})
