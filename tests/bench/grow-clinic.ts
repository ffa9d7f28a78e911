import { statSync } from 'node:fs'
import type { PlinthCore } from '../../src/main/app-core'

/** The file's size in MB once its WAL is copied in. */
export function clinicMb(core: PlinthCore): number {
  core.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  return statSync(core.file).size / 1024 / 1024
}

/**
 * Grows a seeded clinic to `targetMb` (the 603 MB clinic) with older history: a year
 * of the past appointments at a time, copied ten (twenty, ...) years earlier, until the file
 * is big enough (~46 MB a year of the diary bench's clinic, so it lands within that of the
 * target). The clients stay the 100,000 the bench seeded, so the import still meets a
 * 100,000-client clinic. Returns the size.
 */
export function growToMb(core: PlinthCore, targetMb: number): number {
  let mb = clinicMb(core)
  const columns = (core.sqlite.pragma('table_info(appointments)') as { name: string }[])
    .map((c) => c.name)
    .filter((c) => c !== 'id')
  const shifted = new Set(['starts_at', 'ends_at', 'blocked_until', 'created_at', 'updated_at'])
  const iso = (years: number) => `strftime('%Y-%m-%dT%H:%M:%fZ', ?, '-${years} years')`
  const today = new Date().toISOString()
  for (let back = 10; back <= 100 && mb < targetMb; back += 10) {
    const select = columns.map((c) =>
      shifted.has(c) ? `strftime('%Y-%m-%dT%H:%M:%fZ', ${c}, '-${back} years')` : c,
    )
    for (let year = 10; year > 0 && mb < targetMb; year--) {
      core.sqlite
        .prepare(
          `INSERT INTO appointments (${columns.join(', ')})
           SELECT ${select.join(', ')} FROM appointments
           WHERE starts_at >= ${iso(year)} AND starts_at < ${iso(year - 1)}`,
        )
        .run(today, today)
      mb = clinicMb(core)
    }
  }
  return mb
}
