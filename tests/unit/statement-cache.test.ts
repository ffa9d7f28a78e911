import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { withStatementCache } from '../../src/main/db/statement-cache'

let sqlite: Database.Database
afterEach(() => sqlite.close())

describe('the prepared-statement cache under Kysely', () => {
  it('hands back the same statement for the same SQL, and forgets the least recently used', () => {
    sqlite = new Database(':memory:')
    const db = withStatementCache(sqlite, 2)
    const a = db.prepare('SELECT 1')
    expect(db.prepare('SELECT 1')).toBe(a)
    db.prepare('SELECT 2')
    db.prepare('SELECT 1') // now the most recent
    db.prepare('SELECT 3') // evicts SELECT 2
    expect(db.prepare('SELECT 1')).toBe(a)
    const b = db.prepare('SELECT 2')
    expect(db.prepare('SELECT 2')).toBe(b)
  })

  it('never hands out a statement that is still being iterated', () => {
    sqlite = new Database(':memory:')
    const db = withStatementCache(sqlite)
    const sql = 'SELECT value FROM json_each(?)'
    const first = db.prepare(sql)
    const rows = first.iterate(['[1,2,3]'])
    rows.next()
    const second = db.prepare(sql)
    expect(second).not.toBe(first)
    expect(second.all(['[4]'])).toEqual([{ value: 4 }])
    expect([...rows].map((r) => (r as { value: number }).value)).toEqual([2, 3])
  })
})
