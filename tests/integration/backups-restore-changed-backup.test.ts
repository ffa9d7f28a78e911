import { closeSync, openSync, writeSync } from 'node:fs'
import { afterEach, expect, it } from 'vitest'
import { join } from 'node:path'
import { aSession, openTempCore } from '../fixtures/temp-core'

// A user trial overwrote 4 KiB of a backup, chose Restore, was asked for the recovery key,
// typed it, and only then heard "This backup file has changed since it was written".

type TempCore = Awaited<ReturnType<typeof openTempCore>>
const cores: TempCore[] = []
afterEach(async () => {
  while (cores.length) await cores.pop()!.dispose()
})
const owner = aSession('owner')

it('refuses a changed backup at once, before asking for anything typed, and starts no restore', async () => {
  const core = await openTempCore()
  cores.push(core)
  const started = await core.router.call('backups.create', {}, owner)
  if (!started.ok) throw new Error(started.error.message)
  await core.backups.idle()
  const backup = core.backups.list().backups.find((b) => b.reason === 'manual')!
  const fd = openSync(join(core.dir, 'backups', backup.name), 'r+')
  writeSync(fd, Buffer.alloc(4096, 0x41), 0, 4096, 8192)
  closeSync(fd)

  const restore = await core.router.call('backups.restore', { name: backup.name }, owner)
  expect(restore).toMatchObject({
    ok: false,
    error: { code: 'rule_broken', message: expect.stringMatching(/changed since it was written/) },
  })
  // Nothing ran: no backup of the state before a restore was taken.
  expect(core.backups.list().backups.map((b) => b.reason)).toEqual(['manual'])
})
