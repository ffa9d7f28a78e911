import { join } from 'node:path'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { openCore } from '../../src/main/app-core'
import { silentLogger } from '../../src/main/log'
import { aClient } from '../fixtures/clients'
import { aNote, aTherapistAccount, callOk } from '../fixtures/notes'
import { aSession, openTempCore, tempDir } from '../fixtures/temp-core'
import { testKey } from '../fixtures/test-key'

// Issue #11 item 16, for treatment notes: letters with no accent to strip (ł ø ß æ þ ı đ œ)
// are found by their plain-letter spelling, as client names are.

const owner = aSession('owner')
const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

const search = async (core: { router: never } | object, clientId: number, query: string) =>
  (
    await callOk(core as Parameters<typeof callOk>[0], 'notes.search', { clientId, query }, owner)
  ).map((r) => r.id)

describe('searching treatment notes', () => {
  it('finds "Ból łydki" by lydki, łydki, bol and a prefix; Søren by soren; Straße by strasse', async () => {
    const core = await openTempCore({ now: () => new Date('2026-11-25T10:00:00Z') })
    cleanups.push(() => core.dispose())
    const sam = await aTherapistAccount(core, 'Sam')
    const client = await aClient().named('Łukasz', 'Wiśniewski').in(core)
    const note = await aNote(core, sam.session, client.id)
      .withSection('subjective', 'Ból łydki po biegu; Søren at the Straße 10K')
      .in()
    for (const query of ['lydki', 'łydki', 'ŁYDKI', 'bol', 'lyd', 'soren', 'Søren', 'strasse']) {
      expect(await search(core, client.id, query), query).toEqual([note.id])
    }
    expect(await search(core, client.id, 'hamstring')).toEqual([])
    // The snippet still shows the words as typed.
    const [hit] = await callOk(core, 'notes.search', { clientId: client.id, query: 'biegu' }, owner)
    expect(hit!.snippet).toContain('Ból łydki po [biegu]')
  })

  it('adds the folded words to notes indexed before, on the next open', async () => {
    const tmp = tempDir()
    cleanups.push(() => tmp.remove())
    const file = join(tmp.dir, 'clinic.sqlite')
    const first = await openCore({
      file,
      key: testKey,
      log: silentLogger,
      now: () => new Date('2026-11-25T10:00:00Z'),
    })
    const sam = await aTherapistAccount(first, 'Sam')
    const client = await aClient().named('Łukasz', 'Wiśniewski').in(first)
    const note = await aNote(first, sam.session, client.id)
      .withSection('subjective', 'Ból łydki')
      .in()
    // As an older Plinth left it: the typed text only, and no version row.
    await sql`UPDATE notes_search SET body = 'Ból łydki' WHERE rowid = ${note.id}`.execute(first.db)
    await sql`DELETE FROM search_versions WHERE name = 'notes'`.execute(first.db)
    expect(await search(first, client.id, 'lydki')).toEqual([])
    await first.close()

    const again = await openCore({ file, key: testKey, log: silentLogger })
    cleanups.push(() => again.close())
    expect(await search(again, client.id, 'lydki')).toEqual([note.id])
  })
})
