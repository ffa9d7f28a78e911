import { randomUUID } from 'node:crypto'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DomainError } from '../domain-error'
import { makeFolder } from './make-folder'

/** Operating-system refusals in words (the owner never needs to see ENOTDIR). */
const REASONS: Record<string, string> = {
  ENOENT: 'it (or a folder above it) cannot be created there',
  EACCES: 'this account may not write there',
  EPERM: 'this account may not write there',
  ENOTDIR: 'part of the path is a file, not a folder',
  EROFS: 'the drive is read-only',
  ENOSPC: 'the drive is full',
}

/**
 * A backup folder is only worth saving if Plinth can write there now: an unplugged USB
 * drive or a read-only share should be found when the owner sets it, not at 2 a.m.
 */
export function assertWritableFolder(folder: string): void {
  const probe = join(folder, `.plinth-write-test-${randomUUID()}`)
  try {
    makeFolder(folder)
    writeFileSync(probe, 'ok')
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    throw new DomainError('rule_broken', 'Plinth cannot save backups in that folder.', [
      {
        path: 'folder',
        message: `Plinth cannot write to this folder${REASONS[reason] ? `: ${REASONS[reason]}` : ''}. Is the drive plugged in, and is it a folder you can write to?`,
      },
    ])
  }
  rmSync(probe, { force: true })
}
