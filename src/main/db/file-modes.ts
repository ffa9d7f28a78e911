import { chmodSync, existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** Owner read/write only: health records are nobody else's business on a shared computer. */
export const PRIVATE_FILE_MODE = 0o600
/** Owner only: without x on the folder, no other account can reach a file inside. */
export const PRIVATE_DIR_MODE = 0o700

/**
 * Makes every file Plinth creates from now on private to the account running it (umask 077:
 * files 0600, folders 0700), and tightens what an older Plinth left readable (0644/0755):
 * the clinic file with its -wal/-shm and key files, and Plinth's own folders beside it (backups,
 * attachments) with everything in them. Never the folder the file sits in: `--db
 * /tmp/clinic.sqlite` must not chmod /tmp. POSIX only; on Windows the account's profile
 * folder already keeps other users out, and chmod only toggles read-only there.
 *
 * @param databaseFile the clinic's SQLite file (it may not exist yet)
 * @param ownFolders folders Plinth made for this clinic (created or not)
 */
export function makeClinicFilesPrivate(databaseFile: string, ownFolders: string[]): void {
  if (process.platform === 'win32') return
  process.umask(0o077)
  const beside = ['-wal', '-shm', '.keys.json', '.key'].map((end) => `${databaseFile}${end}`)
  for (const file of [databaseFile, ...beside]) {
    if (existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE)
  }
  for (const folder of ownFolders) tighten(folder, 0)
}

/** Bounded depth: Plinth's folders are two levels deep (attachments/ab/<hash>). */
function tighten(path: string, depth: number): void {
  if (!existsSync(path) || depth > 4) return
  const stats = statSync(path)
  if (stats.isDirectory()) {
    if ((stats.mode & 0o777) !== PRIVATE_DIR_MODE) chmodSync(path, PRIVATE_DIR_MODE)
    for (const name of readdirSync(path)) tighten(join(path, name), depth + 1)
  } else if (stats.isFile() && (stats.mode & 0o077) !== 0) {
    chmodSync(path, PRIVATE_FILE_MODE)
  }
}
