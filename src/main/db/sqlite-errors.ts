import { DomainError } from '../services/domain-error'

/**
 * Turns the SQLite errors a caller's input can cause into typed errors, so they reach the
 * user as a message rather than "Something went wrong". Services check the rules they know;
 * this is the net under them for the kind they cannot all foresee:
 *  - SQLITE_CONSTRAINT_FOREIGNKEY: an id of a record that does not exist (roomId 999, a
 *    client deleted on another desk meanwhile);
 *  - SQLITE_CONSTRAINT_CHECK / _NOTNULL: a value the schema's own checks refuse.
 * Other SQLite errors (a full disk, a damaged file) are not the caller's doing: null.
 * Codes: https://www.sqlite.org/rescode.html
 */
export function domainErrorOfSqlite(error: unknown): DomainError | null {
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
