import { describe, expect, it } from 'vitest'
import {
  backupsToDelete,
  DEFAULT_RETENTION,
  isoWeek,
  localDay,
  type RotatableBackup,
} from '../../src/main/services/backups/rotation'

/** A backup every 30 minutes of a working day (08:00-18:00 London) for `days` days. */
function aWorkingHistory(days: number, from = '2026-01-05'): RotatableBackup[] {
  const out: RotatableBackup[] = []
  const start = Date.parse(`${from}T08:00:00Z`)
  for (let d = 0; d < days; d++) {
    for (let slot = 0; slot < 20; slot++) {
      const at = new Date(start + d * 86_400_000 + slot * 30 * 60_000).toISOString()
      out.push({ name: `b-${at}`, createdAt: at, reason: slot === 0 ? 'daily' : 'interval' })
    }
  }
  return out
}

function kept(all: RotatableBackup[], deleted: string[]): RotatableBackup[] {
  const gone = new Set(deleted)
  return all.filter((b) => !gone.has(b.name))
}

describe('backup rotation', () => {
  it('keeps a year of a busy clinic down to recent, daily, weekly and monthly backups', () => {
    const history = aWorkingHistory(400)
    const left = kept(history, backupsToDelete(history, DEFAULT_RETENTION, 'Europe/London'))
    const newest = [...history].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    // The 48 newest all stay.
    expect(newest.slice(0, 48).every((b) => left.includes(b))).toBe(true)
    const days = new Set(left.map((b) => localDay(new Date(b.createdAt), 'Europe/London')))
    const months = new Set([...days].map((d) => d.slice(0, 7)))
    const weeks = new Set([...days].map(isoWeek))
    expect(months.size).toBeGreaterThanOrEqual(12)
    expect(weeks.size).toBeGreaterThanOrEqual(8)
    expect(days.size).toBeGreaterThanOrEqual(14)
    // 48 recent + at most one per daily, weekly and monthly bucket, far fewer than 8,000.
    expect(left.length).toBeLessThanOrEqual(48 + 14 + 8 + 12)
    expect(left.length).toBeGreaterThan(48 + 14)
  })

  it('keeps everything while there are fewer backups than the settings allow', () => {
    const history = aWorkingHistory(2)
    expect(backupsToDelete(history, DEFAULT_RETENTION, 'Europe/London')).toEqual([])
  })

  it('follows the settings: one recent and one daily keeps the newest of each day', () => {
    const history = aWorkingHistory(3, '2026-06-01')
    const left = kept(
      history,
      backupsToDelete(
        history,
        { keepRecent: 1, keepDaily: 3, keepWeekly: 1, keepMonthly: 1 },
        'Europe/London',
      ),
    )
    expect(left.map((b) => b.createdAt)).toEqual([
      '2026-06-01T17:30:00.000Z',
      '2026-06-02T17:30:00.000Z',
      '2026-06-03T17:30:00.000Z',
    ])
  })

  it('counts days in the clinic’s time zone, across the clocks going forward', () => {
    // 23:30 UTC on 28 March is 23:30 GMT; 23:30 UTC on 29 March is 00:30 BST on the 30th.
    expect(localDay(new Date('2026-03-28T23:30:00Z'), 'Europe/London')).toBe('2026-03-28')
    expect(localDay(new Date('2026-03-29T23:30:00Z'), 'Europe/London')).toBe('2026-03-30')
    expect(isoWeek('2026-03-29')).toBe('2026-W13') // a Sunday ends its week
    expect(isoWeek('2026-03-30')).toBe('2026-W14')
    expect(isoWeek('2027-01-01')).toBe('2026-W53')
  })

  it('always keeps the newest pre-migration and pre-restore backups', () => {
    const history: RotatableBackup[] = [
      { name: 'old-migration', createdAt: '2025-01-01T10:00:00Z', reason: 'pre-migration' },
      { name: 'old-restore', createdAt: '2025-01-01T11:00:00Z', reason: 'pre-restore' },
      ...aWorkingHistory(5, '2026-06-01'),
    ]
    const deleted = backupsToDelete(
      history,
      { keepRecent: 2, keepDaily: 1, keepWeekly: 1, keepMonthly: 1 },
      'Europe/London',
    )
    expect(deleted).not.toContain('old-migration')
    expect(deleted).not.toContain('old-restore')
  })
})
