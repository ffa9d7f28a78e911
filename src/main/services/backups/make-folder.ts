import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * Creates a folder and any missing parents, one level at a time. Not `mkdirSync(path,
 * { recursive: true })`: on a path it can never create (seen with `/proc/plinth-nope` on
 * Linux) Node's recursive mkdir retried for ever, freezing the main process and every desk.
 * Each level is made once; the first refusal is thrown as it came (ENOENT, EACCES, ENOTDIR).
 *
 * @throws NodeJS.ErrnoException from mkdir
 */
export function makeFolder(path: string): void {
  const missing: string[] = []
  let at = path
  // Bounded by the path's depth: dirname() of a root is the root itself.
  while (!existsSync(at) && dirname(at) !== at) {
    missing.unshift(at)
    at = dirname(at)
  }
  for (const level of missing) mkdirSync(level)
}
