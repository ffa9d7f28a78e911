import { randomUUID } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DomainError } from '../domain-error'

/**
 * A backup folder is only worth saving if Plinth can write there now: an unplugged USB
 * drive or a read-only share should be found when the owner sets it, not at 2 a.m.
 */
export function assertWritableFolder(folder: string): void {
  const probe = join(folder, `.plinth-write-test-${randomUUID()}`)
  try {
    mkdirSync(folder, { recursive: true })
    writeFileSync(probe, 'ok')
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    throw new DomainError('rule_broken', 'Plinth cannot save backups in that folder.', [
      {
        path: 'folder',
        message: `Plinth cannot write to this folder (${reason}). Is the drive plugged in?`,
      },
    ])
  }
  rmSync(probe, { force: true })
}
