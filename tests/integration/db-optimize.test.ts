import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/main/db/cipher'
import { optimizeDatabase, reloadStatistics } from '../../src/main/db/optimize'
import { runsOffThread } from '../../src/main/db/off-thread'
import { bulkSeedClients } from '../bench/seed-clients'
import { aSession, openTempCore, tempDir } from '../fixtures/temp-core'
import { checkImport, runImport } from '../fixtures/imports'
import { openCore } from '../../src/main/app-core'
import { silentLogger } from '../../src/main/log'
import { newDatabaseKey } from '../../src/main/db/cipher'
import { join } from 'node:path'
import type Database from 'better-sqlite3'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

/** The tables the planner has statistics for (sqlite_stat1), or none before any ANALYZE. */
function analysedTables(sqlite: Database.Database): string[] {
  const exists = sqlite
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'`)
    .get()
  if (!exists) return []
  return (
    sqlite.prepare('SELECT DISTINCT tbl FROM sqlite_stat1 ORDER BY tbl').all() as { tbl: string }[]
  ).map((r) => r.tbl)
}

/**
 * Statistics from when the clinic had 10 clients, which say mobiles are all alike and
 * postcodes all different (the tests' clients are the other way round), loaded by this
 * connection only, as any connection keeps the statistics it loaded.
 */
function fakeStatistics(sqlite: Database.Database): void {
  sqlite.exec(`ANALYZE;
    UPDATE sqlite_stat1 SET stat = '10' || substr(stat, instr(stat, ' ')) WHERE tbl = 'clients';
    UPDATE sqlite_stat1 SET stat = '10 10' WHERE idx = 'clients_mobile';
    UPDATE sqlite_stat1 SET stat = '10 1' WHERE idx = 'clients_postcode';
    UPDATE sqlite_stat1 SET stat = '10' WHERE tbl = 'clients' AND idx IS NULL;
    DELETE FROM sqlite_stat4;
    ANALYZE sqlite_schema;`)
}

/** The index the planner picks for a mobile and a postcode: it follows the statistics. */
function mobileAndPostcodePlan(sqlite: Database.Database): string {
  return (
    sqlite
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM clients
         WHERE mobile_norm = '07700900001' AND postcode_norm = 'AB12CD'`,
      )
      .all() as { detail: string }[]
  )
    .map((r) => r.detail)
    .join('; ')
}

describe('planner statistics kept fresh with PRAGMA optimize (issue 19)', () => {
  it('closing the clinic optimizes: the clients searched since opening get statistics', async () => {
    const tmp = tempDir()
    cleanups.push(() => tmp.remove())
    const file = join(tmp.dir, 'clinic.sqlite')
    const key = newDatabaseKey()
    const core = await openCore({ file, key, log: silentLogger })
    bulkSeedClients(core, 600)
    expect(analysedTables(core.sqlite)).not.toContain('clients')
    for (const query of ['sarah jones', 'smith', '07700 900']) {
      const result = await core.router.call('clients.search', { query }, aSession('reception'))
      expect(result.ok).toBe(true)
    }
    await core.close()

    const raw = openDatabase(file, key, { readonly: true, fileMustExist: true })
    try {
      expect(analysedTables(raw)).toContain('clients')
      // analysis_limit bounds the work, and the planner still learns each index's shape.
      const stat = raw
        .prepare(`SELECT stat FROM sqlite_stat1 WHERE tbl = 'clients' AND idx IS NOT NULL`)
        .all() as { stat: string }[]
      expect(stat.length).toBeGreaterThan(0)
    } finally {
      raw.close()
    }
  })

  it('the periodic run after opening analyses every table that needs it, queried or not', async () => {
    const core = await openTempCore()
    cleanups.push(() => core.dispose())
    bulkSeedClients(core, 600)
    expect(analysedTables(core.sqlite)).not.toContain('clients')
    expect(optimizeDatabase(core.sqlite, { everyTable: true })).toBe(true)
    expect(analysedTables(core.sqlite)).toContain('clients')
  })

  it('the periodic run analyses in a worker, and main plans with what it found', async () => {
    const core = await openTempCore()
    cleanups.push(() => core.dispose())
    bulkSeedClients(core, 600)
    // One postcode for all (a village clinic): the real statistics favour the mobile.
    core.sqlite.exec(`UPDATE clients SET postcode_norm = 'AB12CD'`)
    fakeStatistics(core.sqlite)
    expect(mobileAndPostcodePlan(core.sqlite)).toContain('clients_postcode')
    // The worker's connection has no query history: it analyses every table that needs it.
    // And the statistics say 10 rows where there are 600 (stale: analysed again).
    expect(await core.optimize()).toBe(true)
    expect(mobileAndPostcodePlan(core.sqlite)).toContain('clients_mobile')
  })

  it('an import brings the statistics up to the new size of the table', async () => {
    const core = await openTempCore()
    cleanups.push(() => core.dispose())
    bulkSeedClients(core, 20)
    expect(optimizeDatabase(core.sqlite, { everyTable: true })).toBe(true)
    const rowsSeen = () =>
      Math.max(
        ...(
          core.sqlite
            .prepare(`SELECT stat FROM sqlite_stat1 WHERE tbl = 'clients' AND idx IS NOT NULL`)
            .all() as { stat: string }[]
        ).map((r) => Number(r.stat.split(' ')[0])),
      )
    expect(rowsSeen()).toBeLessThan(30)
    const rows = Array.from(
      { length: 600 },
      (_, i) => `Imported${i},Client${i},07700 9${String(i).padStart(5, '0')}`,
    )
    const { opened, checked } = await checkImport(
      core,
      ['First name,Last name,Mobile', ...rows].join('\r\n') + '\r\n',
      { kind: 'clients', fileName: 'clients.csv' },
    )
    expect(checked.state).toBe('done')
    const job = await runImport(core, opened.importId)
    expect(job.created).toBe(600)
    expect(rowsSeen()).toBeGreaterThanOrEqual(600)
  })

  it('after an import, main plans with the statistics its worker analysed (not its own old ones)', async () => {
    const core = await openTempCore()
    cleanups.push(() => core.dispose())
    expect(runsOffThread()).toBe(true)
    bulkSeedClients(core, 20)
    // Statistics that say the opposite of what the import makes true, loaded by main only.
    fakeStatistics(core.sqlite)
    const plan = () => mobileAndPostcodePlan(core.sqlite)
    expect(plan()).toContain('clients_postcode')
    // 600 clients, each with a mobile of their own and no postcode.
    const rows = Array.from(
      { length: 600 },
      (_, i) => `Imported${i},Client${i},07700 9${String(i).padStart(5, '0')}`,
    )
    const { opened } = await checkImport(
      core,
      ['First name,Last name,Mobile', ...rows].join('\r\n') + '\r\n',
      { kind: 'clients', fileName: 'clients.csv' },
    )
    expect((await runImport(core, opened.importId)).created).toBe(600)
    // Analysed by the import's worker connection; main reloaded them (reloadStatistics).
    expect(plan()).toContain('clients_mobile')
  })

  it('reloadStatistics is what makes a connection see another one’s ANALYZE', () => {
    const tmp = tempDir()
    cleanups.push(() => tmp.remove())
    const file = join(tmp.dir, 'two.sqlite')
    const key = newDatabaseKey()
    const a = openDatabase(file, key)
    const b = openDatabase(file, key, { fileMustExist: true })
    cleanups.push(() => {
      a.close()
      b.close()
    })
    a.exec('CREATE TABLE t (x, y); CREATE INDEX tx ON t (x); CREATE INDEX ty ON t (y);')
    const insert = a.prepare('INSERT INTO t VALUES (?, ?)')
    a.transaction(() => {
      for (let i = 0; i < 5000; i++) insert.run(i % 2, i)
    })()
    a.exec(`ANALYZE; UPDATE sqlite_stat1 SET stat = '5000 1' WHERE idx = 'tx';
      UPDATE sqlite_stat1 SET stat = '5000 5000' WHERE idx = 'ty'; DELETE FROM sqlite_stat4;
      ANALYZE sqlite_schema;`)
    const plan = (db: Database.Database) =>
      (
        db.prepare('EXPLAIN QUERY PLAN SELECT * FROM t WHERE x = 1 AND y = 5').get() as {
          detail: string
        }
      ).detail
    expect(plan(a)).toContain('tx')
    b.exec('ANALYZE')
    expect(plan(b)).toContain('ty')
    // a still plans with what it loaded ...
    expect(plan(a)).toContain('tx')
    reloadStatistics(a)
    // ... until it reloads.
    expect(plan(a)).toContain('ty')
  })

  it('leaves a read-only connection alone', async () => {
    const core = await openTempCore()
    cleanups.push(() => core.dispose())
    const readonly = openDatabase(core.file, core.key, { readonly: true, fileMustExist: true })
    try {
      expect(optimizeDatabase(readonly, { everyTable: true })).toBe(false)
    } finally {
      readonly.close()
    }
  })
})
