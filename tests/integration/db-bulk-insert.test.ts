import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bulkInserter, yielder } from '../../src/main/db/bulk-insert'
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

describe('bulk inserts for big imports', () => {
  it('binds by column name, so the order of a row’s keys cannot shift values', () => {
    const insert = bulkInserter(sqlite, 'audit_log', ['at', 'action', 'summary'])
    const first = insert({
      at: '2026-06-17T09:00:00Z',
      action: 'clients.imported',
      summary: 'line 2',
    })
    const second = insert({
      summary: 'line 3',
      action: 'clients.imported',
      at: '2026-06-17T09:01:00Z',
    })
    expect(second).toBe(first + 1)
    expect(sqlite.prepare('SELECT at, action, summary FROM audit_log ORDER BY id').all()).toEqual([
      { at: '2026-06-17T09:00:00Z', action: 'clients.imported', summary: 'line 2' },
      { at: '2026-06-17T09:01:00Z', action: 'clients.imported', summary: 'line 3' },
    ])
  })

  it('refuses a row that lacks a column instead of writing a short row', () => {
    const insert = bulkInserter(sqlite, 'audit_log', ['at', 'action', 'summary'])
    expect(() => insert({ at: 'x', action: 'y' })).toThrow(/no summary/)
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
