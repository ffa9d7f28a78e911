import { existsSync, renameSync, rmSync } from 'node:fs'
import type { Connection } from './connection'
import type { LiveDatabase } from './live-database'

export function asideFileOf(databaseFile: string): string {
  return `${databaseFile}.before-restore`
}

export function candidateFileOf(databaseFile: string): string {
  return `${databaseFile}.restoring`
}

function removeSidecars(file: string): void {
  rmSync(`${file}-wal`, { force: true })
  rmSync(`${file}-shm`, { force: true })
  rmSync(`${file}-journal`, { force: true })
}

/**
 * A restore killed between moving the old file aside and putting the new one in place
 * leaves no database at all; opening would then create an empty clinic. Put the old one back.
 */
export function recoverInterruptedRestore(databaseFile: string): boolean {
  const aside = asideFileOf(databaseFile)
  if (existsSync(databaseFile) || !existsSync(aside)) return false
  renameSync(aside, databaseFile)
  if (existsSync(`${aside}-wal`)) renameSync(`${aside}-wal`, `${databaseFile}-wal`)
  rmSync(`${aside}-shm`, { force: true })
  return true
}

/**
 * Swaps the live database for a checked candidate file, with no command in flight: what
 * `carryOver` copies goes into the candidate first, then the old connection is checkpointed and closed, the old file moved aside, the candidate
 * renamed into place (same folder, so the rename is atomic) and opened (and migrated).
 * If the new file will not open, the old one goes back and the error is rethrown.
 */
export async function swapInDatabase(
  live: LiveDatabase,
  databaseFile: string,
  candidate: string,
  reopen: (file: string) => Promise<Connection>,
  /** Keep the old file under this name instead of deleting it (when it could not be backed up). */
  keepOldAs?: string,
  /**
   * Runs with no command in flight, before the old connection closes: carries what must
   * outlive the swap (the audit log) from the old file into the candidate. If it throws,
   * nothing is swapped.
   */
  carryOver?: (current: Connection) => void,
): Promise<void> {
  let failure: unknown = null
  await live.exclusive(async (current) => {
    carryOver?.(current)
    current.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    // The file is going aside: no statistics to refresh for it (issue 19).
    await current.close({ optimize: false })
    const aside = asideFileOf(databaseFile)
    rmSync(aside, { force: true })
    removeSidecars(aside)
    renameSync(databaseFile, aside)
    // Normally gone after the checkpoint and close; if not, they belong with the old file.
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(`${databaseFile}${suffix}`))
        renameSync(`${databaseFile}${suffix}`, `${aside}${suffix}`)
    }
    renameSync(candidate, databaseFile)
    try {
      const next = await reopen(databaseFile)
      if (keepOldAs) {
        renameSync(aside, keepOldAs)
        if (existsSync(`${aside}-wal`)) renameSync(`${aside}-wal`, `${keepOldAs}-wal`)
      } else rmSync(aside, { force: true })
      removeSidecars(aside)
      return next
    } catch (error) {
      failure = error
      rmSync(databaseFile, { force: true })
      removeSidecars(databaseFile)
      renameSync(aside, databaseFile)
      for (const suffix of ['-wal', '-shm']) {
        if (existsSync(`${aside}${suffix}`))
          renameSync(`${aside}${suffix}`, `${databaseFile}${suffix}`)
      }
      return reopen(databaseFile)
    }
  })
  if (failure) throw failure
}
