import { closeSync, openSync, readdirSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openCore } from '../../src/main/app-core'
import { silentLogger } from '../../src/main/log'
import { renameClinic } from '../fixtures/owner-calls'
import { aSession, tempDir } from '../fixtures/temp-core'
import { testKey } from '../fixtures/test-key'

// A user trial zeroed 8 KiB of a clinic file (as a failing disk would) and pressed the damage
// banner's "Restore that backup": the restore refused with "database disk image is malformed"
// because carrying the audit log over read every row of the damaged log. The clinic stayed
// unusable. A damaged file is exactly when a restore is needed: it must go through.

const owner = aSession('owner')

/** Writes many audit entries after the backup, so the log spans hundreds of pages. */
function busyAfternoon(core: Awaited<ReturnType<typeof openCore>>, entries: number) {
  const insert = core.sqlite.prepare(
    `INSERT INTO audit_log (at, user_id, username, action, entity_type, entity_id, summary)
     VALUES (?, NULL, 'rita', 'diary.book', 'appointment', ?, ?)`,
  )
  core.sqlite.transaction(() => {
    for (let i = 0; i < entries; i++) {
      insert.run(
        new Date(Date.UTC(2026, 10, 30, 9) + i * 1000).toISOString(),
        String(i),
        `Booked appointment ${i} `.padEnd(200, '·'),
      )
    }
  })()
  core.sqlite.pragma('wal_checkpoint(TRUNCATE)')
}

function overwrite(file: string, offset: number, bytes: number, fill = 0) {
  const fd = openSync(file, 'r+')
  writeSync(fd, Buffer.alloc(bytes, fill), 0, bytes, offset)
  closeSync(fd)
}

async function restoreNewestGood(core: Awaited<ReturnType<typeof openCore>>) {
  await core.backups.checkIntegrity()
  expect(core.backups.health().integrity.state).toBe('failed')
  const good = core.backups.health().newestGoodBackup!
  const job = await core.backups.startRestore(good.name, undefined, core.backups.actorFor(owner))
  await core.backups.idle()
  return core.backups.job(job.id)
}

describe('restoring over a damaged audit log', () => {
  it('goes through, keeps the damaged file, carries the readable entries and names the lost ids', async () => {
    const tmp = tempDir()
    const file = join(tmp.dir, 'clinic.sqlite')
    let core = await openCore({ file, key: testKey, log: silentLogger })
    try {
      await renameClinic(core, 'Good Day Clinic')
      await core.backups.backup('daily')
      const lastAtBackup = (
        core.sqlite.prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }
      ).id
      busyAfternoon(core, 4000)
      await renameClinic(core, 'Bad Day Clinic')
      core.sqlite.pragma('wal_checkpoint(TRUNCATE)')
      // A leaf page of the log in the middle of the afternoon's entries.
      const leaves = core.sqlite
        .prepare(
          `SELECT pageno FROM dbstat WHERE name = 'audit_log' AND pagetype = 'leaf' ORDER BY path`,
        )
        .all() as { pageno: number }[]
      const victim = leaves[Math.floor(leaves.length / 2)]!.pageno
      const top = core.sqlite.prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }
      expect(top.id).toBeGreaterThan(lastAtBackup + 4000)
      const pageSize = core.sqlite.pragma('page_size', { simple: true }) as number
      // Damaged on disk while the app is closed: a running connection's page cache would hide it.
      await core.close()
      overwrite(file, (victim - 1) * pageSize, pageSize, 0x5a)
      core = await openCore({ file, key: testKey, log: silentLogger })

      const done = await restoreNewestGood(core)
      expect(done).toMatchObject({
        state: 'done',
        message: expect.stringMatching(/damaged.*kept as/),
      })
      expect(readdirSync(tmp.dir).some((f) => f.startsWith('clinic.sqlite.damaged-'))).toBe(true)
      expect(core.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
      expect((await core.router.call('settings.get', {}, owner)) as unknown).toMatchObject({
        value: { clinicName: 'Good Day Clinic' },
      })

      const booked = core.sqlite
        .prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'diary.book'`)
        .get() as { n: number }
      // One leaf holds a dozen or so 200-character entries: the rest of the 4,000 are kept.
      expect(booked.n).toBeGreaterThan(3900)
      expect(booked.n).toBeLessThan(4000)
      const restore = core.sqlite
        .prepare(`SELECT summary FROM audit_log WHERE action = 'backups.restore'`)
        .get() as { summary: string }
      expect(restore.summary).toMatch(/audit entries \d+–\d+ of the damaged file could not be read/)
      const [, from, to] = /entries (\d+)–(\d+)/.exec(restore.summary)!.map(Number)
      expect(to! - from! + 1).toBe(4000 - booked.n)
      await core.backups.checkIntegrity()
      expect(core.backups.health().integrity.state).toBe('ok')
    } finally {
      await core.close()
      tmp.remove()
    }
  })

  it('goes through with 8 KiB zeroed anywhere in the file, as in the trial', async () => {
    const tmp = tempDir()
    const file = join(tmp.dir, 'clinic.sqlite')
    let core = await openCore({ file, key: testKey, log: silentLogger })
    try {
      await renameClinic(core, 'Good Day Clinic')
      await core.backups.backup('daily')
      busyAfternoon(core, 12_000)
      const size = statSync(file).size
      expect(size).toBeGreaterThan(2 * 1024 * 1024 + 8192)
      await core.close()
      overwrite(file, 2 * 1024 * 1024, 8192)
      core = await openCore({ file, key: testKey, log: silentLogger })

      const done = await restoreNewestGood(core)
      expect(done).toMatchObject({ state: 'done' })
      expect((await core.router.call('settings.get', {}, owner)) as unknown).toMatchObject({
        value: { clinicName: 'Good Day Clinic' },
      })
      expect(core.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    } finally {
      await core.close()
      tmp.remove()
    }
  })
})
