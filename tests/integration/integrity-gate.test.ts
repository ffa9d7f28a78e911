import { createHash } from 'node:crypto'
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openCore, type PlinthCore } from '../../src/main/app-core'
import { openDatabase } from '../../src/main/db/cipher'
import { silentLogger } from '../../src/main/log'
import { aStaffMember, TEST_PASSWORD } from '../fixtures/staff'
import { tempDir } from '../fixtures/temp-core'
import { testKey } from '../fixtures/test-key'
import { validInputOf } from '../fixtures/valid-inputs'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean()
})

const newClient = validInputOf('clients.create')

/**
 * A clinic whose audit index page has been overwritten the way a failing disk would, with
 * a good backup from before, opened again: the start-up check finds the damage.
 */
async function aDamagedClinic(): Promise<{ core: PlinthCore; file: string }> {
  const tmp = tempDir()
  cleanups.push(tmp.remove)
  const file = join(tmp.dir, 'clinic.sqlite')
  const first = await openCore({ file, key: testKey, log: silentLogger })
  await aStaffMember(first.db, 'owner', { username: 'alex' })
  await aStaffMember(first.db, 'reception', { username: 'jo' })
  await first.backups.backup('manual')
  await first.close()
  const raw = openDatabase(file, testKey)
  const { rootpage } = raw
    .prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'audit_log_at'`)
    .get() as { rootpage: number }
  const pageSize = raw.pragma('page_size', { simple: true }) as number
  raw.close()
  const fd = openSync(file, 'r+')
  writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (rootpage - 1) * pageSize)
  closeSync(fd)
  const core = await openCore({ file, key: testKey, log: silentLogger })
  cleanups.push(() => core.close())
  await core.backups.checkIntegrity()
  expect(core.backups.health().integrity.state).toBe('failed')
  return { core, file }
}

const bytesOf = (file: string) =>
  [file, `${file}-wal`]
    .filter((f) => existsSync(f))
    .map((f) => createHash('sha256').update(readFileSync(f)).digest('hex'))

describe('after the integrity check finds damage', () => {
  it('refuses staff sign-in and every write without touching the file; the owner signs in to restore', async () => {
    const { core, file } = await aDamagedClinic()
    const before = bytesOf(file)

    const desk = core.connect()
    const jo = await desk.call('auth.signIn', { username: 'jo', password: TEST_PASSWORD })
    expect(jo).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(jo.ok ? '' : jo.error.message).toMatch(/Only the clinic owner can sign in/)
    // A wrong password for someone else, and a made-up name, are refused the same way.
    for (const username of ['jo', 'nobody', 'x'.repeat(41)]) {
      const r = await desk.call('auth.signIn', { username, password: 'wrong password' })
      expect(r.ok, username).toBe(false)
    }
    // Someone signed in before the check finished is stopped too, for reads and writes.
    const early = core.connect()
    early.begin(await aStaffMember(core.db, 'reception', { username: 'jo' }))
    for (const [method, input] of [
      ['clients.create', newClient],
      ['clients.search', validInputOf('clients.search')],
      ['settings.get', {}],
    ] as const) {
      const r = await early.call(method, input)
      expect(r, method).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    }
    expect(await early.call('backups.health', {})).toMatchObject({
      ok: true,
      value: { integrity: { state: 'failed' }, newestGoodBackup: { reason: 'manual' } },
    })
    expect(await early.call('backups.list', {})).toMatchObject({ ok: false })
    expect(bytesOf(file)).toEqual(before)

    const owner = core.connect()
    expect(
      await owner.call('auth.signIn', { username: 'alex', password: TEST_PASSWORD }),
    ).toMatchObject({ ok: true, value: { status: 'signed-in' } })
    expect(await owner.call('clients.create', newClient)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/restores a backup/) },
    })
    // The owner's sign-in wrote nothing to the damaged file either.
    expect(bytesOf(file)).toEqual(before)
    const listed = await owner.call('backups.list', {})
    expect(listed.ok).toBe(true)
    const good = core.backups.health().newestGoodBackup!
    const started = await owner.call('backups.restore', { name: good.name })
    expect(started).toMatchObject({ ok: true })
    await core.backups.idle()
    expect(core.backups.health().integrity.state).toBe('ok')
    // Restored: the clinic works again for everyone.
    expect(
      await desk.call('auth.signIn', { username: 'jo', password: TEST_PASSWORD }),
    ).toMatchObject({ ok: true, value: { status: 'signed-in' } })
    expect(await desk.call('clients.create', newClient)).toMatchObject({ ok: true })
  })
})
