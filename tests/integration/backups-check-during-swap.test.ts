import { existsSync, renameSync, rmSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { openConnection } from '../../src/main/db/connection'
import { LiveDatabase } from '../../src/main/db/live-database'
import { asideFileOf } from '../../src/main/db/restore-swap'
import { silentLogger } from '../../src/main/log'
import { BackupService } from '../../src/main/services/backups/backup-service'
import { openTempCore } from '../fixtures/temp-core'

// Issue 19: a "damage found" after a restore, once, under load. An integrity check run in a
// worker opened the clinic file by its name while a restore swapped it: in that moment the
// file is moved aside (no database at that name, or the old file's WAL beside the new one).
// The check now borrows the live database as a command does, so it waits for the swap.

const dirs: (() => void)[] = []
afterEach(() => {
  while (dirs.length) dirs.pop()!()
})

describe('an integrity check asked for while a restore swaps the file', () => {
  it('waits for the swap and checks the file put in place, instead of finding it gone', async () => {
    const core = await openTempCore()
    dirs.push(() => rmSync(core.dir, { recursive: true, force: true }))
    await core.close()
    // A service of our own over the same file, so the test holds the swap's moment open.
    const live = new LiveDatabase(openConnection(core.file, core.key))
    const service = new BackupService({
      file: core.file,
      log: silentLogger,
      now: () => new Date('2026-06-17T06:30:00Z'),
      workstation: 'test',
      liveKey: core.key,
      keyring: null,
    })
    service.attach(live, async (file) => openConnection(file, core.key))
    let checked: Promise<void> | null = null
    try {
      await live.exclusive(async (current) => {
        // As swapInDatabase does: the old connection closed, the file moved aside...
        await current.close({ optimize: false })
        renameSync(core.file, asideFileOf(core.file))
        checked = service.checkIntegrity()
        // ...long enough for a worker to start and open the file by its name...
        await new Promise((r) => setTimeout(r, 1_000))
        expect(service.health().integrity.state).toBe('checking')
        // ...and the (here: same) file back in place, opened again.
        renameSync(asideFileOf(core.file), core.file)
        return openConnection(core.file, core.key)
      })
      await checked
      expect(service.health().integrity).toMatchObject({ state: 'ok', detail: null })
      expect(service.integrityFailed()).toBe(false)
      expect(existsSync(asideFileOf(core.file))).toBe(false)
    } finally {
      await live.close()
    }
  })
})
