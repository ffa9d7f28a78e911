import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openConnection, type Connection } from '../../src/main/db/connection'
import { migrateToLatest } from '../../src/main/db/migrate'
import { migrations } from '../../src/main/db/migrations'
import { tempDir } from '../fixtures/temp-core'
import { testKey } from '../fixtures/test-key'

// Migration 1200 fills the new training fields from the free text typed before it, and
// keeps that text word for word.

const opened: Connection[] = []
const cleanups: (() => void)[] = []
afterEach(async () => {
  while (opened.length) await opened.pop()!.close()
  while (cleanups.length) cleanups.pop()!()
})

const AT = '2026-01-10T10:00:00.000Z'

describe('1200 runners, over clients typed before it', () => {
  it('reads km a week, miles, runs a week and event distances, and loses no text', async () => {
    const tmp = tempDir()
    cleanups.push(tmp.remove)
    const conn = openConnection(join(tmp.dir, 'clinic.sqlite'), testKey)
    opened.push(conn)
    await migrateToLatest(conn.db, {
      sqlite: conn.sqlite,
      migrations: Object.fromEntries(Object.entries(migrations).filter(([n]) => n < '1200')),
    })
    const typed: [string, string][] = [
      ['40 km/week', 'London Marathon'],
      ['about 25 miles a week, 4 runs a week', 'Cardiff Half Marathon'],
      ['3x/week club runs', 'Parkrun 5k'],
      ['Trains hard', 'Lakeland 50 ultra'],
      ['', ''],
      ['30k pw', 'Great North Run (half marathon)'],
    ]
    const insert = conn.sqlite.prepare(
      `INSERT INTO clients (first_name, last_name, weekly_training, event_name, created_at, updated_at)
       VALUES ('A', 'Runner', ?, ?, ?, ?)`,
    )
    for (const [training, event] of typed) insert.run(training, event, AT, AT)

    await migrateToLatest(conn.db, { sqlite: conn.sqlite })
    const rows = conn.sqlite
      .prepare(
        'SELECT weekly_training, event_name, weekly_km, runs_per_week, event_distance_km FROM clients ORDER BY id',
      )
      .all()
    expect(rows).toEqual([
      {
        weekly_training: '40 km/week',
        event_name: 'London Marathon',
        weekly_km: 40,
        runs_per_week: null,
        event_distance_km: 42.2,
      },
      {
        weekly_training: 'about 25 miles a week, 4 runs a week',
        event_name: 'Cardiff Half Marathon',
        weekly_km: 40.2,
        runs_per_week: 4,
        event_distance_km: 21.1,
      },
      {
        weekly_training: '3x/week club runs',
        event_name: 'Parkrun 5k',
        weekly_km: null,
        runs_per_week: 3,
        event_distance_km: 5,
      },
      // "50" here is the race's name, not a distance in km: left for staff to fill in.
      {
        weekly_training: 'Trains hard',
        event_name: 'Lakeland 50 ultra',
        weekly_km: null,
        runs_per_week: null,
        event_distance_km: null,
      },
      {
        weekly_training: '',
        event_name: '',
        weekly_km: null,
        runs_per_week: null,
        event_distance_km: null,
      },
      {
        weekly_training: '30k pw',
        event_name: 'Great North Run (half marathon)',
        weekly_km: 30,
        runs_per_week: null,
        event_distance_km: 21.1,
      },
    ])
  })
})
