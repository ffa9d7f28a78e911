import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { sql, type Kysely } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { openCore } from '../../src/main/app-core'
import { openDatabase } from '../../src/main/db/cipher'
import { openConnection } from '../../src/main/db/connection'
import { migrateToLatest, NewerDatabaseError } from '../../src/main/db/migrate'
import { migrations } from '../../src/main/db/migrations'
import { silentLogger } from '../../src/main/log'
import { tempDir } from '../fixtures/temp-core'
import { testKey } from '../fixtures/test-key'

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()!()
})
function freshFile(): string {
  const tmp = tempDir()
  cleanups.push(tmp.remove)
  return join(tmp.dir, 'clinic.sqlite')
}

function tableNames(file: string): string[] {
  const raw = openDatabase(file, testKey, { readonly: true })
  try {
    return raw
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
      .all()
      .map((r) => (r as { name: string }).name)
  } finally {
    raw.close()
  }
}

describe('migrations', () => {
  it('creates a fresh database with the pragmas a clinical record needs', async () => {
    const file = freshFile()
    const core = await openCore({ file, key: testKey, log: silentLogger })
    try {
      expect(core.migration.applied).toEqual(Object.keys(migrations))
      expect(core.migration.backupFile).toBeNull()
      expect(core.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(core.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(core.sqlite.pragma('synchronous', { simple: true })).toBe(2) // FULL
      expect(core.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000)
    } finally {
      await core.close()
    }
    expect(tableNames(file)).toContain('clinic_settings')
  })

  it('does nothing, and copies nothing, when run again on an up-to-date file', async () => {
    const file = freshFile()
    await (await openCore({ file, key: testKey, log: silentLogger })).close()
    const again = await openCore({ file, key: testKey, log: silentLogger })
    try {
      expect(again.migration).toEqual({ applied: [], backupFile: null })
    } finally {
      await again.close()
    }
    expect(existsSync(join(file, '..', 'backups'))).toBe(false)
  })

  it('refuses a file written by a newer Plinth, without changing it', async () => {
    const file = freshFile()
    await (await openCore({ file, key: testKey, log: silentLogger })).close()
    const raw = openDatabase(file, testKey)
    raw
      .prepare(`INSERT INTO kysely_migration (name, timestamp) VALUES ('9990-from-the-future', ?)`)
      .run(new Date().toISOString())
    raw.prepare(`UPDATE clinic_settings SET clinic_name = 'Future Clinic'`).run()
    raw.close()

    await expect(openCore({ file, key: testKey, log: silentLogger })).rejects.toThrow(
      NewerDatabaseError,
    )
    await expect(openCore({ file, key: testKey, log: silentLogger })).rejects.toThrow(
      /written by a newer version of Plinth.*9990-from-the-future/,
    )
    const check = openDatabase(file, testKey, { readonly: true })
    expect(check.prepare('SELECT clinic_name FROM clinic_settings').get()).toEqual({
      clinic_name: 'Future Clinic',
    })
    check.close()
  })

  it('backs up an existing file (a snapshot, still encrypted) before running a new migration', async () => {
    const file = freshFile()
    await (await openCore({ file, key: testKey, log: silentLogger })).close()
    const next = {
      ...migrations,
      '9000-test-extra': {
        up: async (db: Kysely<unknown>) => {
          await sql`CREATE TABLE extra (id INTEGER PRIMARY KEY)`.execute(db)
        },
      },
    }
    const conn = openConnection(file, testKey)
    const report = await migrateToLatest(conn.db, {
      sqlite: conn.sqlite,
      backupDir: join(file, '..', 'backups'),
      migrations: next,
      now: () => new Date('2026-03-29T00:30:00Z'),
    })
    await conn.close()
    expect(report.applied).toEqual(['9000-test-extra'])
    expect(report.backupFile).toMatch(/pre-migration-2026-03-29T00-30-00-000Z\.sqlite$/)
    expect(tableNames(report.backupFile!)).not.toContain('extra')
    expect(tableNames(report.backupFile!)).toContain('clinic_settings')
    expect(tableNames(file)).toContain('extra')
  })

  it('leaves no trace of a migration that fails half-way', async () => {
    const file = freshFile()
    await (await openCore({ file, key: testKey, log: silentLogger })).close()
    const broken = {
      ...migrations,
      '9000-test-broken': {
        up: async (db: Kysely<unknown>) => {
          await sql`CREATE TABLE half_done (id INTEGER PRIMARY KEY)`.execute(db)
          await sql`INSERT INTO no_such_table VALUES (1)`.execute(db)
        },
      },
    }
    const conn = openConnection(file, testKey)
    await expect(
      migrateToLatest(conn.db, { sqlite: conn.sqlite, migrations: broken }),
    ).rejects.toThrow(/9000-test-broken failed/)
    await conn.close()
    expect(tableNames(file)).not.toContain('half_done')
    const raw = openDatabase(file, testKey, { readonly: true })
    const names = raw.prepare('SELECT name FROM kysely_migration').all()
    raw.close()
    expect(names).toEqual(Object.keys(migrations).map((name) => ({ name })))
  })

  it('runs a diary migration numbered below ones already run (0220 after 0510)', async () => {
    const file = freshFile()
    const without = Object.fromEntries(
      Object.entries(migrations).filter(([name]) => name !== '0220-partial-time-off'),
    )
    const first = openConnection(file, testKey)
    await migrateToLatest(first.db, { sqlite: first.sqlite, migrations: without })
    await first.close()
    const conn = openConnection(file, testKey)
    const report = await migrateToLatest(conn.db, { sqlite: conn.sqlite, migrations })
    await conn.close()
    expect(report.applied).toEqual(['0220-partial-time-off'])
    const raw = openDatabase(file, testKey, { readonly: true })
    const columns = raw.prepare(`PRAGMA table_info(therapist_time_off)`).all()
    raw.close()
    expect(columns.map((c) => (c as { name: string }).name)).toContain('until_time')
  })
})
