import { closeSync, openSync, writeSync } from 'node:fs'
import { afterEach, expect, it } from 'vitest'
import { pairWithHost, probeHost } from '../../src/main/link/desk-client'
import { pairDesk, startHost, type Host } from '../fixtures/desk-link'

// A user trial ran `npm run host` on a damaged clinic file and paired a desk: the host wrote
// the desk into a file it had said nothing more would be written to.

let host: Host
afterEach(async () => {
  await host.dispose()
})

/** Damages an index page on disk, as a failing disk would; the worker's check then sees it. */
async function damage(core: Host) {
  core.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  const { rootpage } = core.sqlite
    .prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'audit_log_at'`)
    .get() as { rootpage: number }
  const pageSize = core.sqlite.pragma('page_size', { simple: true }) as number
  const fd = openSync(core.file, 'r+')
  writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (rootpage - 1) * pageSize)
  closeSync(fd)
  await core.backups.checkIntegrity()
  expect(core.backups.integrityFailed()).toBe(true)
}

it('refuses to pair a computer while its file is damaged, and writes nothing for it', async () => {
  host = await startHost()
  await pairDesk(host, 'Front desk')
  const desksBefore = host.sqlite.prepare('SELECT id, last_seen_at FROM desks').all()
  await damage(host)

  const { code } = host.deskHost.codes.issue()
  const probe = await probeHost(host.url)
  if (!probe.ok) throw new Error(probe.error.message)
  const paired = await pairWithHost(probe.value, code, 'Room 2')
  expect(paired).toMatchObject({
    ok: false,
    error: { message: expect.stringMatching(/damaged.*restores a backup/) },
  })
  expect(host.sqlite.prepare('SELECT id, last_seen_at FROM desks').all()).toEqual(desksBefore)
})
