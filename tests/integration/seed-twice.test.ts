import { spawnSync } from 'node:child_process'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newDatabaseKey, openDatabase } from '../../src/main/db/cipher'
import { seedDemoClinic } from '../../src/main/seed/demo-clinic'
import { hashOf } from '../fixtures/raw-bytes'
import { aSession, call, openTempCore } from '../fixtures/temp-core'

// A user trial ran `npm run seed` twice on one file: the second run renamed the clinic (its
// settings are written first), then died "Seeding room failed: There is already one called
// Room 1" with a stack trace. A file that has a clinic is now refused before any write.

const owner = aSession('owner')
const key = newDatabaseKey()
let core: Awaited<ReturnType<typeof openTempCore>>
beforeEach(async () => {
  core = await openTempCore({ key })
})
afterEach(async () => {
  await core.dispose()
})

const clinicName = async () =>
  (await core.db.selectFrom('clinic_settings').select('clinic_name').executeTakeFirstOrThrow())
    .clinic_name

describe('seeding a file that already has a clinic', () => {
  it('refuses a second seed before it writes anything', async () => {
    await seedDemoClinic(core, { clients: 3, history: false })
    const name = await clinicName()
    const counts = async () =>
      Promise.all(
        (['clients', 'rooms', 'appointments', 'audit_log'] as const).map(
          async (t) => (await core.db.selectFrom(t).select('id').execute()).length,
        ),
      )
    const before = await counts()
    await expect(seedDemoClinic(core, { clients: 3, history: false, seed: 7 })).rejects.toThrow(
      /already holds a clinic \(\d+ clients, \d+ therapists, \d+ services, \d+ rooms, \d+ appointments/,
    )
    expect(await clinicName()).toBe(name)
    expect(await counts()).toEqual(before)
  }, 60_000)

  it('`npm run seed` says so in one line, exits 1 and leaves the file as it was', async () => {
    const room = await call(core, 'rooms.create', { name: 'Room 1', active: true }, owner)
    expect(room.ok).toBe(true)
    const file = core.file
    await core.close()
    const before = hashOf(file)
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/main/cli/seed.ts', '--db', file],
      { env: { ...process.env, PLINTH_DB_KEY: key.toString('hex') }, encoding: 'utf8' },
    )
    expect(run.status).toBe(1)
    expect(run.stderr.trim().split('\n')).toEqual([
      `${file} already holds a clinic (1 room); seed a new file instead: npm run seed -- --db /path/to/new-clinic.sqlite (or delete this file first).`,
    ])
    expect(run.stdout).not.toContain('Seeded')
    const db = openDatabase(file, key, { readonly: true })
    expect(db.prepare('SELECT count(*) AS n FROM rooms').get()).toEqual({ n: 1 })
    expect(db.prepare('SELECT count(*) AS n FROM therapists').get()).toEqual({ n: 0 })
    db.close()
    expect(hashOf(file)).toBe(before)
  }, 60_000)
})
