import { DomainError } from '../services/domain-error'

/**
 * Turns the SQLite errors a caller's input can cause into typed errors, so they reach the
 * user as a message rather than "Something went wrong". Services check the rules they know;
 * this is the net under them for the kind they cannot all foresee:
 *  - SQLITE_CONSTRAINT_FOREIGNKEY: an id of a record that does not exist (roomId 999, a
 *    client deleted on another desk meanwhile);
 *  - SQLITE_CONSTRAINT_CHECK / _NOTNULL: a value the schema's own checks refuse.
 *  - SQLITE_FULL, or ENOSPC from a file written in the same command (an attachment): the
 *    disk is full, which the user can put right (issue 12).
 * Other SQLite errors (a damaged file) are not the caller's doing: null.
 * Codes: https://www.sqlite.org/rescode.html
 */
export function domainErrorOfSqlite(error: unknown): DomainError | null {
  if (isDiskFull(error)) return new DomainError('disk_full', DISK_FULL_MESSAGE)
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null
  switch (code) {
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
      return new DomainError(
        'not_found',
        'That refers to a record that does not exist (it may have just been removed). Reload and choose again.',
      )
    case 'SQLITE_CONSTRAINT_CHECK':
    case 'SQLITE_CONSTRAINT_NOTNULL':
      return new DomainError('rule_broken', 'One of the values is outside what Plinth can store.')
    default:
      return null
  }
}

/**
 * Whether an error opening the clinic file says the file itself is damaged: cut short
 * (SQLITE_CORRUPT: "database disk image is malformed"), not a database at all
 * (SQLITE_NOTADB: a plain file with a broken header), or a short read. An encrypted file
 * whose header is broken reads as a wrong key (DatabaseKeyError), which the caller treats
 * the same way. Not damage: a full disk, a locked file, a file from a newer Plinth.
 */
export function isDamagedFileError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return false
  return (
    code.startsWith('SQLITE_CORRUPT') ||
    code === 'SQLITE_NOTADB' ||
    code === 'SQLITE_IOERR_SHORT_READ'
  )
}

/**
 * What the user reads when the disk is full: what happened, that nothing was half-saved,
 * and what to do. The form keeps what was typed (the renderer never clears on an error).
 */
export const DISK_FULL_MESSAGE =
  'The computer’s disk is full, so this was not saved (nothing was half-saved). Free some ' +
  'space — empty the Recycle Bin or Trash, move old photos or downloads to another drive — ' +
  'then save again. What you typed is still here.'

/**
 * Whether an error means no space was left: SQLite's SQLITE_FULL ("database or disk is
 * full"), or the file system's ENOSPC / EDQUOT (a quota) from Node's fs, also when wrapped
 * as another error's cause.
 */
export function isDiskFull(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code
    if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return true
    e = (e as { cause?: unknown }).cause
  }
  return false
}
