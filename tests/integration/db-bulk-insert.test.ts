import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { yielder } from '../../src/main/db/bulk-insert'
import { insertLinked, type PlainRow } from '../../src/main/db/linked-insert'
import { tempDir } from '../fixtures/temp-core'

let tmp: ReturnType<typeof tempDir>
let sqlite: Database.Database
beforeEach(() => {
  tmp = tempDir()
  sqlite = new Database(join(tmp.dir, 'bulk.sqlite'))
  sqlite.exec(`CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at TEXT, action TEXT, summary TEXT)`)
})
afterEach(() => {
  sqlite.close()
  tmp.remove()
})

describe('chunked inserts for big imports', () => {
  it('writes each row with its linked rows, the new rowid in their id column', () => {
    sqlite.exec('CREATE TABLE search (rowid INTEGER PRIMARY KEY, words TEXT)')
    const written = insertLinked(sqlite, {
      table: 'audit_log',
      items: [
        {
          row: { at: '2026-06-17T09:00:00Z', action: 'clients.imported', summary: 'line 2' },
          linked: [{ table: 'search', idColumn: 'rowid', row: { words: 'two' } }],
        },
        {
          // The keys in another order bind to the same columns.
          row: { summary: 'line 3', action: 'clients.imported', at: '2026-06-17T09:01:00Z' },
          linked: [{ table: 'search', idColumn: 'rowid', row: { words: 'three' } }],
        },
      ],
    })
    expect(written).toBe(2)
    expect(sqlite.prepare('SELECT at, action, summary FROM audit_log ORDER BY id').all()).toEqual([
      { at: '2026-06-17T09:00:00Z', action: 'clients.imported', summary: 'line 2' },
      { at: '2026-06-17T09:01:00Z', action: 'clients.imported', summary: 'line 3' },
    ])
    expect(sqlite.prepare('SELECT rowid, words FROM search ORDER BY rowid').all()).toEqual([
      { rowid: 1, words: 'two' },
      { rowid: 2, words: 'three' },
    ])
  })

  it('refuses a row that lacks a column, and writes none of the chunk', () => {
    const rows: PlainRow[] = [
      { at: 'x', action: 'y', summary: 'z' },
      { at: 'x', action: 'y' },
      { at: 'x', action: 'y', summary: undefined as unknown as string },
    ]
    for (const short of rows.slice(1)) {
      expect(() =>
        insertLinked(sqlite, {
          table: 'audit_log',
          items: [rows[0]!, short].map((row) => ({ row, linked: [] })),
        }),
      ).toThrow(/columns differ|no summary/)
    }
    expect(sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 0 })
  })

  it('lets the event loop turn every n rows, and not on the others', async () => {
    // No time slice: only the row count decides here.
    const pause = yielder(1000, Number.POSITIVE_INFINITY)
    expect(pause(0)).toBeUndefined()
    expect(pause(999)).toBeUndefined()
    let turned = false
    setImmediate(() => (turned = true))
    await pause(1000)
    expect(turned).toBe(true)
  })

  it('lets the event loop turn on any row once its time slice has passed', async () => {
    const pause = yielder(1000, 5)
    const until = performance.now() + 6
    while (performance.now() < until) {
      // a slow row
    }
    let turned = false
    setImmediate(() => (turned = true))
    const waiting = pause(7)
    expect(waiting).toBeInstanceOf(Promise)
    await waiting
    expect(turned).toBe(true)
    // The slice starts again after the turn.
    expect(yielder(1000, 60_000)(8)).toBeUndefined()
  })
})
