import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { openDatabase, rekeyDatabaseFile, UNENCRYPTED, type DatabaseKey } from './cipher'
import { checkDatabaseFile, countRows, sameCounts } from './database-file'

export const encryptingFileOf = (databaseFile: string) => `${databaseFile}.encrypting`

function fsyncPath(path: string): void {
  let fd: number | null = null
  try {
    fd = openSync(path, 'r')
    fsyncSync(fd)
  } catch {
    // A folder cannot be opened for fsync on Windows; the rename is still atomic there.
  } finally {
    if (fd !== null) closeSync(fd)
  }
}

/**
 * Encrypts a plain clinic file (from a Plinth before encryption at rest) with `key`, never
 * leaving a half-encrypted file behind: the plain file's WAL is emptied into it, a copy is
 * made beside it (`<file>.encrypting`, VACUUM INTO), the copy is encrypted and checked
 * (quick_check, the same rows per table), and only then renamed over the original in one
 * step. Killed at any moment, the clinic file is the whole plain one or the whole encrypted
 * one; a left-over copy is removed on the next try. The caller holds the clinic file lock,
 * so nothing writes meanwhile.
 *
 * @throws Error when the encrypted copy does not check out (the plain file is untouched)
 */
export function encryptInPlace(file: string, key: DatabaseKey): void {
  const next = encryptingFileOf(file)
  rmSync(next, { force: true })
  rmSync(`${next}-journal`, { force: true })
  const plain = openDatabase(file, UNENCRYPTED, { fileMustExist: true })
  let counts: Record<string, number>
  try {
    plain.pragma('wal_checkpoint(TRUNCATE)')
    counts = countRows(plain)
    plain.prepare('VACUUM INTO ?').run(next)
  } finally {
    plain.close()
  }
  try {
    rekeyDatabaseFile(next, UNENCRYPTED, key)
    const checked = checkDatabaseFile(next, key)
    if (checked.quickCheck.join() !== 'ok' || !sameCounts(checked.counts, counts)) {
      throw new Error('The encrypted copy of the clinic file did not check out; nothing changed.')
    }
    fsyncPath(next)
    // The plain file was checkpointed and closed: its WAL holds nothing the copy lacks.
    rmSync(`${file}-wal`, { force: true })
    rmSync(`${file}-shm`, { force: true })
    renameSync(next, file)
    fsyncPath(dirname(file))
  } finally {
    rmSync(next, { force: true })
  }
}
