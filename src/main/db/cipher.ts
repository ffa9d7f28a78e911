import { randomBytes } from 'node:crypto'
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'

/**
 * How the clinic file is encrypted at rest: SQLite3MultipleCiphers (the engine inside
 * better-sqlite3-multiple-ciphers) with its ChaCha20-Poly1305 cipher, chosen explicitly
 * rather than left to the build's default:
 * - authenticated: every page carries a Poly1305 tag, so a changed byte is an error, not
 *   silently wrong data (SQLCipher's AES-CBC needs its HMAC on for the same);
 * - fast in software on every CPU a clinic may own (no AES-NI needed on an old laptop or
 *   an ARM machine); the bench measures the cost (tests/bench/encryption.bench.ts);
 * - the engine's own default, so the best-tested path; WAL frames are encrypted too.
 * The key is 32 random bytes passed raw (`x'…'`), so no PBKDF2 runs on every open: the
 * key is not a password, and the passwords that guard it (recovery key, backup passphrase)
 * are stretched where they are typed.
 *
 * The driver is better-sqlite3-multiple-ciphers under the name better-sqlite3 (an npm alias in
 * package.json), so Kysely's SqliteDialect and every import stay as they were. Its types come
 * from @types/better-sqlite3: the fork's own index.d.ts cannot be reached through its
 * package.json "exports" (no "types" condition), and its API is the same; the key is set by
 * pragma, so nothing fork-specific needs typing.
 */
export const CIPHER = 'chacha20'
export const KEY_BYTES = 32

/** A clinic file's 256-bit data key. Never logged, never written in the clear beside the file
 * except where the owner chose a headless key file. */
export type DatabaseKey = Buffer & { readonly __databaseKey: unique symbol }

/**
 * Tests only: open a file without encryption (the raw-bytes erasure test greps the plain
 * file). The app and the CLI always pass a key.
 */
export const UNENCRYPTED = Symbol('unencrypted: tests only')
export type Keying = DatabaseKey | typeof UNENCRYPTED

export function newDatabaseKey(): DatabaseKey {
  return randomBytes(KEY_BYTES) as DatabaseKey
}

/** @throws Error when the bytes are not a 32-byte key */
export function asDatabaseKey(bytes: Buffer): DatabaseKey {
  if (bytes.length !== KEY_BYTES) throw new Error(`A database key is ${KEY_BYTES} bytes`)
  return Buffer.from(bytes) as DatabaseKey
}

/** Whether two keyings open the same files: both unencrypted, or the same key bytes. */
export function sameKeying(a: Keying, b: Keying): boolean {
  if (a === UNENCRYPTED || b === UNENCRYPTED) return a === b
  return a.equals(b)
}

/** Parses 64 hex digits (surrounding white space allowed); null when it is not one. */
export function databaseKeyFromHex(text: string): DatabaseKey | null {
  const hex = text.trim()
  return /^[0-9a-fA-F]{64}$/.test(hex) ? asDatabaseKey(Buffer.from(hex, 'hex')) : null
}

/**
 * The clinic file cannot be read with the key given: the key belongs to another file, the
 * file is damaged, or the file is encrypted and no key was given. Nothing was written.
 */
export class DatabaseKeyError extends Error {
  constructor(
    readonly file: string,
    readonly reason: 'wrong-key' | 'needs-key',
  ) {
    super(
      reason === 'needs-key'
        ? `This clinic file is encrypted and no key was given. File: ${file}`
        : 'This clinic file cannot be opened with this key: the key belongs to another ' +
            'clinic file, or the file is damaged. The file has not been changed. ' +
            `File: ${file}`,
    )
    this.name = 'DatabaseKeyError'
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1')

/**
 * What is on disk: nothing yet, an empty file (SQLite creates one before its first write),
 * a plain SQLite database (its header reads "SQLite format 3"), or anything else, which
 * SQLite3MultipleCiphers' files are: their first 16 bytes are the cipher's salt.
 */
export function fileState(file: string): 'missing' | 'empty' | 'plain' | 'encrypted' {
  if (!existsSync(file)) return 'missing'
  if (statSync(file).size === 0) return 'empty'
  return hasPlainHeader(file) ? 'plain' : 'encrypted'
}

export function hasPlainHeader(file: string): boolean {
  const head = Buffer.alloc(SQLITE_HEADER.length)
  const fd = openSync(file, 'r')
  try {
    readSync(fd, head, 0, head.length, 0)
  } finally {
    closeSync(fd)
  }
  return head.equals(SQLITE_HEADER)
}

/** The statement that keys a connection; hex only, so nothing can be injected. */
function keyPragma(key: DatabaseKey, pragma: 'key' | 'rekey'): string {
  return `${pragma} = "x'${key.toString('hex')}'"`
}

/** The pragmas that key a connection, in order; none for an unencrypted file. */
export function keyPragmas(key: Keying): string[] {
  return key === UNENCRYPTED ? [] : [`cipher = '${CIPHER}'`, keyPragma(key, 'key')]
}

/** `KEY …` for ATTACH: attaches a file encrypted with this key (or a plain file). */
export function attachKeyClause(key: Keying): string {
  return key === UNENCRYPTED ? '' : ` KEY "x'${key.toString('hex')}'"`
}

/**
 * Keys a fresh connection before any other statement, then reads the schema to prove the
 * key is right: SQLite3MultipleCiphers only finds out at the first read of page 1.
 *
 * @throws DatabaseKeyError when the key does not open the file (the connection is left open)
 */
export function keyConnection(sqlite: Database.Database, key: Keying, file: string): void {
  for (const pragma of keyPragmas(key)) sqlite.pragma(pragma)
  try {
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get()
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new DatabaseKeyError(file, key === UNENCRYPTED ? 'needs-key' : 'wrong-key')
    }
    throw error
  }
}

/**
 * Every connection to a clinic file or a backup goes through here (the live connection,
 * backups, their checks, restore), so none can forget the key.
 *
 * @throws DatabaseKeyError when the key does not open the file; nothing is written
 */
export function openDatabase(
  file: string,
  key: Keying,
  options: Database.Options = {},
): Database.Database {
  if (file !== ':memory:' && file !== '' && fileState(file) === 'encrypted') {
    if (key === UNENCRYPTED) throw new DatabaseKeyError(file, 'needs-key')
    // Proved on a read-only connection first: a read-write connection that could not read
    // the file still checkpoints its WAL into it when it closes (measured: it did).
    if (!options.readonly) openDatabase(file, key, { readonly: true, fileMustExist: true }).close()
  }
  const sqlite = new Database(file, options)
  try {
    keyConnection(sqlite, key, file)
  } catch (error) {
    sqlite.close()
    throw error
  }
  return sqlite
}

/**
 * Gives a closed database file another key: encrypts a plain one, re-encrypts one from `from`
 * to `to`, or, for a test's unencrypted clinic, decrypts it. Used on copies only (a backup's
 * scratch copy, a restore's candidate, encryptInPlace's copy), never on the live clinic file.
 * SQLite3MultipleCiphers cannot encrypt a plain file in WAL mode, so the WAL is emptied and
 * the file switched to a rollback journal for the rekey, which is one transaction.
 *
 * @throws Error when the header does not read as it should afterwards
 */
export function rekeyDatabaseFile(file: string, from: Keying, to: Keying): void {
  if (sameKeying(from, to)) return
  const sqlite = openDatabase(file, from, { fileMustExist: true })
  try {
    sqlite.pragma('wal_checkpoint(TRUNCATE)')
    sqlite.pragma('journal_mode = DELETE')
    if (from === UNENCRYPTED) sqlite.pragma(`cipher = '${CIPHER}'`)
    sqlite.pragma(to === UNENCRYPTED ? "rekey = ''" : keyPragma(to, 'rekey'))
  } finally {
    sqlite.close()
  }
  if (hasPlainHeader(file) !== (to === UNENCRYPTED)) {
    throw new Error(`The clinic file did not take its new key: ${file}`)
  }
  openDatabase(file, to, { fileMustExist: true }).close()
}
