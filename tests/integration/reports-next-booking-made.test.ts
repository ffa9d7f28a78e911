import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Kysely } from 'kysely'
import { openConnection, type Connection } from '../../src/main/db/connection'
import { migrateToLatest } from '../../src/main/db/migrate'
import { migrations } from '../../src/main/db/migrations'
import type { DB } from '../../src/main/db/schema'
import type { ImportJob } from '../../src/shared/contract/imports'
import { aClient, callOk } from '../fixtures/clients'
import { aService, aTherapist, at, openEveryDay } from '../fixtures/diary'
import { aSession, openTempCore, tempDir } from '../fixtures/temp-core'
import { testKey } from '../fixtures/test-key'

// Each appointment stores when the client's earliest-made later booking was made
// (next_made_at, migration 1300's triggers), which the rebook rate reads. After every kind of
// write, the stored value must equal the rule worked out afresh from all the appointments.

const owner = aSession('owner')
type Core = Awaited<ReturnType<typeof openTempCore>>

interface Row {
  id: number
  client_id: number
  starts_at: string
  created_at: string
  next_made_at: string | null
}

/** Every appointment's stored next_made_at beside the rule's value, worked out in JS. */
async function storedAndExpected(db: Kysely<DB>) {
  const rows = (await db
    .selectFrom('appointments')
    .select(['id', 'client_id', 'starts_at', 'created_at', 'next_made_at'])
    .orderBy('id')
    .execute()) as Row[]
  const expected = rows.map((r) => {
    const later = rows
      .filter((n) => n.client_id === r.client_id && n.starts_at > r.starts_at)
      .map((n) => n.created_at)
      .sort()
    return { id: r.id, next_made_at: later[0] ?? null }
  })
  return { stored: rows.map((r) => ({ id: r.id, next_made_at: r.next_made_at })), expected }
}

async function expectTrue(db: Kysely<DB>) {
  const { stored, expected } = await storedAndExpected(db)
  expect(stored).toEqual(expected)
  return stored
}

const nextOf = async (db: Kysely<DB>, id: number) =>
  (
    await db
      .selectFrom('appointments')
      .select('next_made_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).next_made_at

let core: Core | null = null
const opened: Connection[] = []
const cleanups: (() => void)[] = []
afterEach(async () => {
  await core?.dispose()
  core = null
  while (opened.length) await opened.pop()!.close()
  while (cleanups.length) cleanups.pop()!()
})

describe("the stored 'next booking made' fact follows every write", () => {
  it('booking, moving, cancelling, a status change, a series, a merge, an import and its undo', async () => {
    let clock = new Date('2026-11-02T09:00:00Z')
    const c = (core = await openTempCore({ now: () => clock }))
    await openEveryDay(c)
    const massage = await aService('Sports massage').lasting(60).withBuffer(0).in(c)
    const sam = await aTherapist('Sam Okafor')
      .working(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], '08:00-20:00')
      .offering(massage)
      .in(c)
    const aisha = await aClient({ mobile: '' })
      .named('Aisha', 'Khan')
      .withEmail('aisha@example.com')
      .in(c)
    const tom = await aClient({ mobile: '07922 444555' }).named('Tom', 'Brien').in(c)
    const book = (clientId: number, local: string) =>
      callOk(
        c,
        'diary.book',
        { clientId, serviceId: massage.id, therapistId: sam.id, startsAt: at(local) },
        owner,
      )

    // Made 2 Nov: a visit on the 9th. Nothing later yet.
    const visit = await book(aisha.id, '2026-11-09 10:00')
    expect(await nextOf(c.db, visit.id)).toBeNull()
    // Made 4 Nov: a booking for the 30th. The visit's next booking was made on the 4th.
    clock = new Date('2026-11-04T09:00:00Z')
    const later = await book(aisha.id, '2026-11-30 10:00')
    expect(await nextOf(c.db, visit.id)).toBe(clock.toISOString())
    // Made 6 Nov, for the 16th: later made, so the 4th stands.
    clock = new Date('2026-11-06T09:00:00Z')
    const between = await book(aisha.id, '2026-11-16 10:00')
    expect(await nextOf(c.db, visit.id)).toBe('2026-11-04T09:00:00.000Z')
    expect(await nextOf(c.db, between.id)).toBe('2026-11-04T09:00:00.000Z')
    // Another client's booking changes nothing of Aisha's.
    const toms = await book(tom.id, '2026-11-20 10:00')
    await expectTrue(c.db)

    // The booking made on the 4th moves to before the visit: the visit's next is now the 6th.
    await callOk(
      c,
      'diary.move',
      { id: later.id, therapistId: sam.id, startsAt: at('2026-11-08 10:00') },
      owner,
    )
    expect(await nextOf(c.db, visit.id)).toBe('2026-11-06T09:00:00.000Z')
    expect(await nextOf(c.db, later.id)).toBe('2026-11-02T09:00:00.000Z')
    await expectTrue(c.db)
    // And back after it.
    await callOk(
      c,
      'diary.move',
      { id: later.id, therapistId: sam.id, startsAt: at('2026-11-23 10:00') },
      owner,
    )
    expect(await nextOf(c.db, visit.id)).toBe('2026-11-04T09:00:00.000Z')
    await expectTrue(c.db)

    // A cancelled booking was still a booking (the rule has no status): nothing changes.
    clock = new Date('2026-11-07T09:00:00Z')
    const before = await expectTrue(c.db)
    await callOk(c, 'diary.cancel', { id: between.id, by: 'client', reason: 'Away' }, owner)
    clock = new Date('2026-11-09T11:30:00Z')
    await callOk(c, 'diary.setStatus', { id: visit.id, status: 'arrived' }, owner)
    expect(await expectTrue(c.db)).toEqual(before)

    // A weekly series made on the 9th from 7 Dec.
    await callOk(
      c,
      'diary.bookSeries',
      {
        clientId: aisha.id,
        serviceId: massage.id,
        therapistId: sam.id,
        startsAt: at('2026-12-07 10:00'),
        everyWeeks: 1,
        count: 3,
      },
      owner,
    )
    await expectTrue(c.db)

    // Tom is merged into Aisha: his booking on the 20th (made on the 6th) is now hers.
    clock = new Date('2026-11-10T09:00:00Z')
    await callOk(c, 'clients.merge', { keepId: aisha.id, mergeId: tom.id }, owner)
    expect(await nextOf(c.db, toms.id)).not.toBeNull()
    await expectTrue(c.db)

    // An import adds a booking for Aisha on the 12th (made now, the 10th), then is undone.
    const opened = await callOk(
      c,
      'imports.open',
      {
        kind: 'appointments',
        fileName: 'diary-export.csv',
        text: 'Client,Email,Therapist,Service,Date,Time\r\nAisha Khan,aisha@example.com,Sam Okafor,Sports massage,12/11/2026,15:00\r\n',
      },
      owner,
    )
    const settle = async (job: ImportJob) => {
      await c.imports.idle()
      return callOk(c, 'imports.job', { id: job.id }, owner)
    }
    const checked = await settle(
      await callOk(
        c,
        'imports.check',
        { importId: opened.importId, mapping: opened.mapping },
        owner,
      ),
    )
    expect(checked.report).toMatchObject({ ready: 1, errors: 0 })
    const done = await settle(await callOk(c, 'imports.run', { importId: opened.importId }, owner))
    const imported = await c.db
      .selectFrom('appointments')
      .select(['id', 'created_at'])
      .where('import_batch_id', '=', done.batchId)
      .executeTakeFirstOrThrow()
    expect(await nextOf(c.db, visit.id)).toBe('2026-11-04T09:00:00.000Z')
    await expectTrue(c.db)
    await callOk(c, 'imports.undo', { batchId: done.batchId! }, owner)
    expect(
      await c.db.selectFrom('appointments').select('id').where('id', '=', imported.id).execute(),
    ).toEqual([])
    await expectTrue(c.db)

    // Raw writes too (the triggers are the only keeper): the booking made on the 4th goes.
    c.sqlite.prepare('DELETE FROM appointments WHERE id = ?').run(later.id)
    expect(await nextOf(c.db, visit.id)).toBe('2026-11-06T09:00:00.000Z')
    await expectTrue(c.db)
  })

  it('stays true over many random writes, with ties in start and made times', async () => {
    const c = (core = await openTempCore())
    const db = c.sqlite
    const t = db
      .prepare(
        `INSERT INTO therapists (name, colour, active, created_at, updated_at) VALUES ('T', '#3b82f6', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z') RETURNING id`,
      )
      .get() as { id: number }
    const s = db
      .prepare(
        `INSERT INTO services (name, duration_minutes, price_pence, buffer_after_minutes, colour, needs_room, active, created_at, updated_at)
         VALUES ('S', 60, 5000, 0, '#0e6b63', 0, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z') RETURNING id`,
      )
      .get() as { id: number }
    const clients = [1, 2, 3].map(
      (i) =>
        (
          db
            .prepare(
              `INSERT INTO clients (first_name, last_name, created_at, updated_at) VALUES ('C', ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z') RETURNING id`,
            )
            .get(`N${i}`) as { id: number }
        ).id,
    )
    // A seeded generator, so a failure repeats.
    let seed = 14
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    const day = (d: number) => new Date(Date.UTC(2026, 0, 1 + d, 10)).toISOString()
    const insert = db.prepare(
      `INSERT INTO appointments (client_id, therapist_id, service_id, starts_at, ends_at, blocked_until, price_pence, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 5000, ?, ?) RETURNING id`,
    )
    const ids: number[] = []
    for (let step = 0; step < 300; step++) {
      const op = ids.length < 5 ? 0 : rand(5)
      const startsAt = day(rand(20))
      if (op <= 1) {
        const made = day(rand(20))
        const row = insert.get(
          clients[rand(3)],
          t.id,
          s.id,
          startsAt,
          end(startsAt),
          end(startsAt),
          made,
          made,
        ) as { id: number }
        ids.push(row.id)
      } else if (op === 2) {
        db.prepare(
          'UPDATE appointments SET starts_at = ?, ends_at = ?, blocked_until = ? WHERE id = ?',
        ).run(startsAt, end(startsAt), end(startsAt), ids[rand(ids.length)])
      } else if (op === 3) {
        db.prepare('UPDATE appointments SET client_id = ? WHERE id = ?').run(
          clients[rand(3)],
          ids[rand(ids.length)],
        )
      } else {
        const [gone] = ids.splice(rand(ids.length), 1)
        db.prepare('DELETE FROM appointments WHERE id = ?').run(gone)
      }
      if (step % 10 === 9) await expectTrue(c.db)
    }
    await expectTrue(c.db)
  })

  it('migration 1300 fills it in for the appointments booked before it', async () => {
    const tmp = tempDir()
    cleanups.push(tmp.remove)
    const conn = openConnection(join(tmp.dir, 'clinic.sqlite'), testKey)
    opened.push(conn)
    await migrateToLatest(conn.db, {
      sqlite: conn.sqlite,
      migrations: Object.fromEntries(Object.entries(migrations).filter(([n]) => n < '1300')),
    })
    const db = conn.sqlite
    const A = '2026-01-01T00:00:00.000Z'
    db.prepare(
      `INSERT INTO therapists (id, name, colour, active, created_at, updated_at) VALUES (1, 'T', '#3b82f6', 1, ?, ?)`,
    ).run(A, A)
    db.prepare(
      `INSERT INTO services (id, name, duration_minutes, price_pence, buffer_after_minutes, colour, needs_room, active, created_at, updated_at)
       VALUES (1, 'S', 60, 5000, 0, '#0e6b63', 0, 1, ?, ?)`,
    ).run(A, A)
    for (const id of [1, 2])
      db.prepare(
        `INSERT INTO clients (id, first_name, last_name, created_at, updated_at) VALUES (?, 'C', 'N', ?, ?)`,
      ).run(id, A, A)
    const appt = db.prepare(
      `INSERT INTO appointments (id, client_id, therapist_id, service_id, starts_at, ends_at, blocked_until, status, price_pence, created_at, updated_at)
       VALUES (?, ?, 1, 1, ?, ?, ?, ?, 5000, ?, ?)`,
    )
    const rows: [number, number, string, string, string][] = [
      // id, client, starts, status, made
      [1, 1, '2026-02-01T10:00:00.000Z', 'completed', '2026-01-20T09:00:00.000Z'],
      [2, 1, '2026-03-01T10:00:00.000Z', 'cancelled', '2026-02-01T11:00:00.000Z'],
      [3, 1, '2026-04-01T10:00:00.000Z', 'completed', '2026-01-25T09:00:00.000Z'],
      [4, 1, '2026-04-01T10:00:00.000Z', 'booked', '2026-03-20T09:00:00.000Z'],
      [5, 2, '2026-02-15T10:00:00.000Z', 'completed', '2026-01-01T09:00:00.000Z'],
    ]
    for (const [id, client, starts, status, made] of rows) {
      const ends = end(starts)
      appt.run(id, client, starts, ends, ends, status, made, made)
    }
    await migrateToLatest(conn.db, { sqlite: conn.sqlite })
    const stored = db.prepare('SELECT id, next_made_at FROM appointments ORDER BY id').all()
    expect(stored).toEqual([
      // Later: 2 (made 1 Feb) and 3, 4 (made 25 Jan, 20 Mar): the earliest made is 25 Jan.
      { id: 1, next_made_at: '2026-01-25T09:00:00.000Z' },
      { id: 2, next_made_at: '2026-01-25T09:00:00.000Z' },
      // 3 and 4 start together: neither is "later" than the other.
      { id: 3, next_made_at: null },
      { id: 4, next_made_at: null },
      { id: 5, next_made_at: null },
    ])
    // The triggers work from then on.
    appt.run(
      6,
      2,
      '2026-05-01T10:00:00.000Z',
      '2026-05-01T11:00:00.000Z',
      '2026-05-01T11:00:00.000Z',
      'booked',
      '2026-02-15T10:30:00.000Z',
      '2026-02-15T10:30:00.000Z',
    )
    expect(db.prepare('SELECT next_made_at FROM appointments WHERE id = 5').get()).toEqual({
      next_made_at: '2026-02-15T10:30:00.000Z',
    })
  })
})

function end(startsAt: string) {
  return new Date(Date.parse(startsAt) + 3_600_000).toISOString()
}
