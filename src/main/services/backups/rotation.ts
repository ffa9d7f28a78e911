import type { BackupReason } from '../../../shared/contract/backups'

export interface RetentionPolicy {
  keepRecent: number
  keepDaily: number
  keepWeekly: number
  keepMonthly: number
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  keepRecent: 48,
  keepDaily: 14,
  keepWeekly: 8,
  keepMonthly: 12,
}

export interface RotatableBackup {
  name: string
  createdAt: string
  reason: BackupReason
}

/** The clinic's calendar date of an instant, e.g. "2026-03-29", in its own time zone. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at)
}

/** ISO week ("2026-W13") of a calendar date: weeks start on Monday, as in the UK. */
export function isoWeek(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  const weekday = date.getUTCDay() || 7 // Monday 1 ... Sunday 7
  date.setUTCDate(date.getUTCDate() + 4 - weekday) // the week's Thursday decides its year
  const year = date.getUTCFullYear()
  const week = Math.ceil(((date.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7)
  return `${year}-W${String(week).padStart(2, '0')}`
}

/**
 * Grandfather-father-son: keep the newest keepRecent backups, plus the newest backup of each
 * of the last keepDaily days, keepWeekly ISO weeks and keepMonthly months that have one.
 * The newest pre-migration and pre-restore backups are always kept: they are the way back
 * from an upgrade or a restore that went wrong. Returns the names to delete.
 */
export function backupsToDelete(
  backups: RotatableBackup[],
  policy: RetentionPolicy,
  timeZone: string,
): string[] {
  const newestFirst = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  const keep = new Set<string>(newestFirst.slice(0, policy.keepRecent).map((b) => b.name))
  const buckets: [(day: string) => string, number][] = [
    [(day) => day, policy.keepDaily],
    [(day) => isoWeek(day), policy.keepWeekly],
    [(day) => day.slice(0, 7), policy.keepMonthly],
  ]
  for (const [bucketOf, count] of buckets) {
    const seen = new Set<string>()
    for (const backup of newestFirst) {
      const bucket = bucketOf(localDay(new Date(backup.createdAt), timeZone))
      if (seen.has(bucket)) continue
      if (seen.size >= count) break
      seen.add(bucket)
      keep.add(backup.name)
    }
  }
  for (const reason of ['pre-migration', 'pre-restore'] as const) {
    const newest = newestFirst.find((b) => b.reason === reason)
    if (newest) keep.add(newest.name)
  }
  return newestFirst.filter((b) => !keep.has(b.name)).map((b) => b.name)
}
