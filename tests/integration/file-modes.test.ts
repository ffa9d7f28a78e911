import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openCore } from '../../src/main/app-core'
import { silentLogger } from '../../src/main/log'
import { aClient } from '../fixtures/clients'
import { aNote, aTherapistAccount, callOk } from '../fixtures/notes'
import { aSession, openTempCore, tempDir } from '../fixtures/temp-core'
import { testKey } from '../fixtures/test-key'

// The clinic file, its WAL, backups and attachments are the clinic's health records: on a
// shared computer no other account may read them (files 0600, folders 0700).

const owner = aSession('owner')
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

/** Every file and folder under dir (not dir itself) with its permission bits. */
function modesUnder(dir: string): { path: string; mode: number; folder: boolean }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    const stats = statSync(path)
    const here = { path, mode: stats.mode & 0o777, folder: stats.isDirectory() }
    return stats.isDirectory() ? [here, ...modesUnder(path)] : [here]
  })
}

const readableByOthers = (entries: ReturnType<typeof modesUnder>) =>
  entries
    .filter((e) => (e.folder ? e.mode !== 0o700 : e.mode !== 0o600))
    .map((e) => `${e.path} ${e.mode.toString(8)}`)

describe.skipIf(process.platform === 'win32')('clinic files are private to the account', () => {
  it('creates the database, WAL, backups and attachments 0600 in 0700 folders', async () => {
    const core = await openTempCore({ now: () => new Date('2026-11-25T10:00:00Z') })
    cleanups.push(() => core.dispose())
    const sam = await aTherapistAccount(core, 'Sam')
    const client = await aClient().named('Kate', 'Morgan').in(core)
    const note = await aNote(core, sam.session, client.id).withSection('subjective', 'Calf').in()
    await callOk(
      core,
      'notes.addAttachment',
      {
        noteId: note.id,
        filename: 'letter.pdf',
        base64: Buffer.from('%PDF-1.4 GP').toString('base64'),
      },
      sam.session,
    )
    await callOk(core, 'backups.create', {}, owner)
    await core.backups.idle()
    const entries = modesUnder(core.dir)
    expect(entries.some((e) => e.path.endsWith('clinic.sqlite-wal'))).toBe(true)
    expect(entries.some((e) => e.path.includes('backups') && !e.folder)).toBe(true)
    expect(entries.some((e) => e.path.includes('attachments') && !e.folder)).toBe(true)
    expect(readableByOthers(entries)).toEqual([])
  })

  it('tightens what an older Plinth left readable when it opens the clinic', async () => {
    const tmp = tempDir()
    cleanups.push(() => tmp.remove())
    const file = join(tmp.dir, 'clinic.sqlite')
    const first = await openCore({ file, key: testKey, log: silentLogger })
    await first.close()
    chmodSync(file, 0o644)
    mkdirSync(join(tmp.dir, 'backups'), { recursive: true })
    chmodSync(join(tmp.dir, 'backups'), 0o755)
    writeFileSync(join(tmp.dir, 'backups', 'old.sqlite'), 'an old backup', { mode: 0o644 })
    chmodSync(join(tmp.dir, 'backups', 'old.sqlite'), 0o644)
    expect(readableByOthers(modesUnder(tmp.dir)).length).toBeGreaterThan(0)

    const again = await openCore({ file, key: testKey, log: silentLogger })
    cleanups.unshift(() => again.close())
    expect(readableByOthers(modesUnder(tmp.dir))).toEqual([])
  })
})
