import type { Keying } from './cipher'
import { keyHexOf } from './file-tasks'
import { runOffThread } from './off-thread'

/**
 * SQLite's quick_check on its own read-only connection in a worker thread, so a large
 * database does not freeze the window (7 s cold at 100k clients, 64 s at 1M: issue 19).
 * Resolves to ['ok'] or the problems found; a file that will not open is a problem too.
 */
export async function quickCheckOffThread(
  file: string,
  key: Keying,
  /** integrity_check instead of quick_check: every index against its table too. */
  full = false,
): Promise<string[]> {
  try {
    return await runOffThread('quickCheck', { file, key: keyHexOf(key), full })
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)]
  }
}
