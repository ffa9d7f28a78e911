import Database from 'better-sqlite3'
import { Kysely, SqliteDialect, sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { bucketOf } from '../../src/main/db/report-sql'

let sqlite: Database.Database
afterEach(() => sqlite.close())

describe('bucketOf: which slice between sorted bounds an instant falls in', () => {
  it('gives k when bounds[k-1] <= value < bounds[k], 0 before the first, n from the last', async () => {
    sqlite = new Database(':memory:')
    const db = new Kysely<{ t: { at: string } }>({
      dialect: new SqliteDialect({ database: sqlite }),
    })
    await sql`CREATE TABLE t (at TEXT NOT NULL)`.execute(db)
    const iso = (day: number) => new Date(Date.UTC(2026, 0, 1 + day)).toISOString()
    for (let d = 0; d < 40; d++)
      await db
        .insertInto('t')
        .values({ at: iso(d) })
        .execute()
    for (let n = 0; n <= 9; n++) {
      // n bounds, unevenly spaced (some a day apart, some with nothing between them).
      const bounds = Array.from({ length: n }, (_, k) => iso(3 + k * k))
      const rows = await db
        .selectFrom('t')
        .select(['at', bucketOf('at', bounds).as('slice')])
        .orderBy('at')
        .execute()
      for (const r of rows) {
        const expected = bounds.filter((b) => b <= r.at).length
        expect(Number(r.slice), `${n} bounds, ${r.at}`).toBe(expected)
      }
    }
    await db.destroy()
  })
})
