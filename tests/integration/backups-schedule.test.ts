import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { openDatabase } from '../../src/main/db/cipher'
import { afterEach, describe, expect, it } from 'vitest'
import { openCore } from '../../src/main/app-core'
import { silentLogger } from '../../src/main/log'
import { startBackupSchedule } from '../../src/main/services/backups/schedule'
import { aSession, openTempCore, tempDir } from '../fixtures/temp-core'
import { testKey } from '../fixtures/test-key'

type TempCore = Awaited<ReturnType<typeof openTempCore>>
const cores: TempCore[] = []
afterEach(async () => {
  while (cores.length) await cores.pop()!.dispose()
})
const owner = aSession('owner')

/** A clock the test moves by hand. */
function aClock(start: string) {
  let now = new Date(start)
  return {
    now: () => now,
    advance(minutes: number) {
      now = new Date(now.getTime() + minutes * 60_000)
    },
  }
}

async function rename(core: TempCore, clinicName: string): Promise<void> {
  const r = await core.router.call(
    'settings.update',
    {
      clinicName,
      address: '',
      phone: '',
      timeZone: 'Europe/London',
      currency: 'GBP',
      locale: 'en-GB',
    },
    owner,
  )
  expect(r.ok).toBe(true)
}

function reasons(core: TempCore): string[] {
  return core.backups
    .list()
    .backups.map((b) => b.reason)
    .reverse()
}

describe('automatic backups', () => {
  it('backs up at the first start of the day, while changes are made, and at quit', async () => {
    const clock = aClock('2026-11-25T08:55:00Z')
    const core = await openTempCore({ now: clock.now })
    cores.push(core)
    const schedule = startBackupSchedule(core.backups, {
      log: silentLogger,
      now: clock.now,
    })
    await core.backups.idle()
    expect(reasons(core)).toEqual(['daily'])

    // Nothing changes: no more backups however long it runs.
    clock.advance(30)
    await schedule.tick()
    clock.advance(30)
    await schedule.tick()
    expect(reasons(core)).toEqual(['daily'])

    // Reception works: the next tick backs the changes up, once.
    await rename(core, 'Busy Morning Clinic')
    clock.advance(30)
    await schedule.tick()
    clock.advance(30)
    await schedule.tick()
    expect(reasons(core)).toEqual(['daily', 'interval'])

    await rename(core, 'Busy Afternoon Clinic')
    await schedule.stop()
    expect(reasons(core).at(-1)).toBe('quit')
    expect(core.backups.health().lastBackup).toMatchObject({ ok: true })
  })

  it('runs the weekly full integrity_check at a tick when nothing changed, not while work goes on', async () => {
    const clock = aClock('2026-11-25T08:55:00Z')
    const core = await openTempCore({ now: clock.now })
    cores.push(core)
    const schedule = startBackupSchedule(core.backups, { log: silentLogger, now: clock.now })
    await core.backups.idle()
    // The start-up check is the quick one; it did not hold up the day's first backup.
    expect(reasons(core)).toEqual(['daily'])
    expect(core.backups.lastFullCheckAt()).toBeNull()

    await rename(core, 'Busy Morning Clinic')
    clock.advance(30)
    await schedule.tick()
    expect(reasons(core)).toEqual(['daily', 'interval'])
    expect(core.backups.lastFullCheckAt()).toBeNull()

    clock.advance(30)
    await schedule.tick()
    expect(core.backups.lastFullCheckAt()).toEqual(clock.now())
    expect(core.backups.health().integrity).toMatchObject({ state: 'ok' })
    const first = clock.now()

    clock.advance(6 * 24 * 60)
    await schedule.tick()
    expect(core.backups.lastFullCheckAt()).toEqual(first)
    clock.advance(24 * 60)
    await schedule.tick()
    expect(core.backups.lastFullCheckAt()).toEqual(clock.now())
    await schedule.stop()
  })

  it('does not take a second daily backup when today already has one', async () => {
    const clock = aClock('2026-11-25T09:00:00Z')
    const core = await openTempCore({ now: clock.now })
    cores.push(core)
    await core.backups.backup('manual')
    const schedule = startBackupSchedule(core.backups, { log: silentLogger, now: clock.now })
    await schedule.stop()
    expect(reasons(core)).toEqual(['manual'])
  })

  it('rotates old backups away by their age on the injected clock', async () => {
    const clock = aClock('2026-01-01T09:00:00Z')
    const core = await openTempCore({ now: clock.now })
    cores.push(core)
    await core.router.call(
      'backups.updateSettings',
      { folder: '', keepRecent: 3, keepDaily: 2, keepWeekly: 1, keepMonthly: 2, encrypt: false },
      owner,
    )
    for (let i = 0; i < 40; i++) {
      await core.backups.backup('interval')
      clock.advance(12 * 60) // twice a day for 20 days
    }
    const left = core.backups.list().backups.map((b) => b.createdAt)
    // 3 newest, plus the newest of the 2 newest days (already among them), of this week
    // (the same), and of January (the same) and December (none): 3 left, all from 20 Jan.
    expect(left).toEqual([
      '2026-01-20T21:00:00.000Z',
      '2026-01-20T09:00:00.000Z',
      '2026-01-19T21:00:00.000Z',
    ])
    const files = readdirSync(join(core.dir, 'backups'))
    expect(files).toHaveLength(6) // three backups and their manifests, nothing else
  })
})

describe('integrity check at start', () => {
  it('says the database is damaged, offers the newest good backup, and stops automatic backups', async () => {
    const tmp = tempDir()
    const file = join(tmp.dir, 'clinic.sqlite')
    try {
      const core = await openCore({ file, key: testKey, log: silentLogger })
      await core.backups.backup('manual')
      for (let i = 0; i < 200; i++) {
        await core.router.call(
          'settings.update',
          {
            clinicName: `Clinic ${i}`,
            address: 'x'.repeat(400),
            phone: '',
            timeZone: 'Europe/London',
            currency: 'GBP',
            locale: 'en-GB',
          },
          owner,
        )
      }
      await core.close()
      // Damage an index page the way a failing disk would.
      const raw = openDatabase(file, testKey)
      const page = (
        raw.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'audit_log_at'`).get() as {
          rootpage: number
        }
      ).rootpage
      const pageSize = raw.pragma('page_size', { simple: true }) as number
      raw.close()
      const { openSync, writeSync, closeSync } = await import('node:fs')
      const fd = openSync(file, 'r+')
      writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (page - 1) * pageSize)
      closeSync(fd)

      const damaged = await openCore({ file, key: testKey, log: silentLogger })
      try {
        const schedule = startBackupSchedule(damaged.backups, { log: silentLogger })
        await damaged.backups.idle()
        const health = await damaged.router.call('backups.health', {}, aSession('reception'))
        expect(health).toMatchObject({
          ok: true,
          value: {
            integrity: { state: 'failed', detail: expect.any(String) },
            newestGoodBackup: { reason: 'manual', verified: true },
          },
        })
        await schedule.stop()
        expect(damaged.backups.list().backups.map((b) => b.reason)).toEqual(['manual'])
      } finally {
        await damaged.close()
      }
    } finally {
      tmp.remove()
    }
  })

  it('restores the newest good backup over a damaged database, keeping the damaged file', async () => {
    const tmp = tempDir()
    const file = join(tmp.dir, 'clinic.sqlite')
    try {
      const core = await openCore({ file, key: testKey, log: silentLogger })
      await rename(core as TempCore, 'Good Day Clinic')
      await core.backups.backup('daily')
      await rename(core as TempCore, 'Bad Day Clinic')
      core.sqlite.pragma('wal_checkpoint(TRUNCATE)')
      const { rootpage } = core.sqlite
        .prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'audit_log_at'`)
        .get() as { rootpage: number }
      const pageSize = core.sqlite.pragma('page_size', { simple: true }) as number
      const { openSync, writeSync, closeSync } = await import('node:fs')
      const fd = openSync(file, 'r+')
      writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (rootpage - 1) * pageSize)
      closeSync(fd)
      await core.backups.checkIntegrity()
      const good = core.backups.health().newestGoodBackup!
      const job = await core.backups.startRestore(
        good.name,
        undefined,
        core.backups.actorFor(owner),
      )
      await core.backups.idle()
      const done = core.backups.job(job.id)
      expect(done).toMatchObject({
        state: 'done',
        message: expect.stringMatching(/damaged.*kept as/),
      })
      expect(readdirSync(tmp.dir).some((f) => f.startsWith('clinic.sqlite.damaged-'))).toBe(true)
      expect(core.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
      expect((await core.router.call('settings.get', {}, owner)) as unknown).toMatchObject({
        value: { clinicName: 'Good Day Clinic' },
      })
      await core.backups.checkIntegrity()
      expect(core.backups.health().integrity.state).toBe('ok')
      await core.close()
    } finally {
      tmp.remove()
    }
  })

  it('reports a healthy database as ok', async () => {
    const core = await openTempCore()
    cores.push(core)
    await core.backups.checkIntegrity()
    expect(core.backups.health().integrity.state).toBe('ok')
  })
})
