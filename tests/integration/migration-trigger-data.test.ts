import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openConnection, type Connection } from '../../src/main/db/connection'
import { migrateToLatest } from '../../src/main/db/migrate'
import { migrations } from '../../src/main/db/migrations'
import { tempDir } from '../fixtures/temp-core'
import { testKey } from '../fixtures/test-key'

// Migrations that rewrite a trigger, run over data written at the version before them (in
// the spirit of Signal Desktop's migration_*_test.node.ts): the rows come through unchanged,
// and the new trigger holds what it promises on those old rows, not only on new ones.

const opened: Connection[] = []
const cleanups: (() => void)[] = []
afterEach(async () => {
  while (opened.length) await opened.pop()!.close()
  while (cleanups.length) cleanups.pop()!()
})

/** A clinic file migrated only as far as the migrations named before `name`. */
async function fileBefore(name: string): Promise<Connection> {
  const tmp = tempDir()
  cleanups.push(tmp.remove)
  const conn = openConnection(join(tmp.dir, 'clinic.sqlite'), testKey)
  opened.push(conn)
  await migrateToLatest(conn.db, {
    sqlite: conn.sqlite,
    migrations: Object.fromEntries(Object.entries(migrations).filter(([n]) => n < name)),
  })
  return conn
}

async function theRest(conn: Connection): Promise<string[]> {
  return (await migrateToLatest(conn.db, { sqlite: conn.sqlite })).applied
}

const AT = '2026-01-10T10:00:00.000Z'

describe('0600 signed-note moves, over notes signed before it', () => {
  it('keeps an old signed note as it was, lets a merge move it, and still refuses an edit', async () => {
    const conn = await fileBefore('0600-signed-note-moves')
    const run = (statement: string, ...params: unknown[]) =>
      conn.sqlite.prepare(statement).run(...params)
    run(
      `INSERT INTO clients (id, first_name, last_name, created_at, updated_at)
       VALUES (1, 'Priya', 'Shah', ?, ?), (2, 'Priya', 'Shah', ?, ?)`,
      AT,
      AT,
      AT,
      AT,
    )
    run(
      `INSERT INTO note_templates (id, name, fields, created_at, updated_at)
       VALUES (90, 'Old SOAP', '[]', ?, ?)`,
      AT,
      AT,
    )
    run(
      `INSERT INTO notes (id, client_id, author_user_id, author_name, template_id, template_name,
         template_fields, session_at, sections, pain_before, created_at, updated_at,
         signed_at, signed_by, signed_by_name)
       VALUES (7, 2, 3, 'Sam', 90, 'Old SOAP', '[]', ?, '{"s":"Tight calf after the 10k"}', 6,
         ?, ?, ?, 3, 'Sam')`,
      AT,
      AT,
      AT,
      AT,
    )
    const before = conn.sqlite.prepare('SELECT * FROM notes WHERE id = 7').get()
    // Before 0600 the old trigger refused every change to a signed note, a merge's move too.
    expect(() => run('UPDATE notes SET client_id = 1 WHERE id = 7')).toThrow(/signed/)

    expect(await theRest(conn)).toContain('0600-signed-note-moves')
    expect(conn.sqlite.prepare('SELECT * FROM notes WHERE id = 7').get()).toMatchObject(
      before as object,
    )
    expect(() => run(`UPDATE notes SET sections = '{"s":"changed"}' WHERE id = 7`)).toThrow(
      /signed note cannot be changed/,
    )
    // Not merged: moving it to another client is still refused.
    expect(() => run('UPDATE notes SET client_id = 1 WHERE id = 7')).toThrow(/signed note/)
    // Merged into record 1: the merge may move the old note, and only its client.
    run('UPDATE clients SET merged_into_id = 1 WHERE id = 2')
    run('UPDATE notes SET client_id = 1 WHERE id = 7')
    expect(conn.sqlite.prepare('SELECT client_id, sections FROM notes WHERE id = 7').get()).toEqual(
      {
        client_id: 1,
        sections: '{"s":"Tight calf after the 10k"}',
      },
    )
    expect(() => run('UPDATE notes SET client_id = 2, pain_before = 2 WHERE id = 7')).toThrow(
      /signed note/,
    )
  })
})

describe('0820 gift vouchers, over ledger entries written before it', () => {
  it('keeps old entries unchangeable, voucher column included', async () => {
    const conn = await fileBefore('0820-gift-vouchers')
    const run = (statement: string, ...params: unknown[]) =>
      conn.sqlite.prepare(statement).run(...params)
    const columns = conn.sqlite
      .prepare(`SELECT name FROM pragma_table_info('ledger_entries')`)
      .all()
    expect(columns.map((c) => (c as { name: string }).name)).not.toContain('voucher_id')
    const method = conn.sqlite
      .prepare(`SELECT id FROM payment_methods WHERE kind = 'cash'`)
      .get() as {
      id: number
    }
    run(
      `INSERT INTO clients (id, first_name, last_name, created_at, updated_at)
       VALUES (1, 'Priya', 'Shah', ?, ?)`,
      AT,
      AT,
    )
    run(
      `INSERT INTO ledger_entries (client_id, at, by_user_id, by_name, kind, method_id, amount_pence, reference, reason, batch)
       VALUES (1, ?, 1, 'Owner', 'payment', ?, 5500, '', '', 'b1')`,
      AT,
      method.id,
    )
    const before = conn.sqlite.prepare('SELECT * FROM ledger_entries').get()

    expect(await theRest(conn)).toContain('0820-gift-vouchers')
    expect(conn.sqlite.prepare('SELECT * FROM ledger_entries').get()).toMatchObject(
      before as object,
    )
    expect(() => run('UPDATE ledger_entries SET amount_pence = 1')).toThrow(/cannot be changed/)
    expect(() => run('UPDATE ledger_entries SET voucher_id = 1')).toThrow(/cannot be changed/)
    expect(() => run('DELETE FROM ledger_entries')).toThrow()
  })
})
