import { createHash } from 'node:crypto'
import { closeSync, openSync, readSync } from 'node:fs'
import {
  asDatabaseKey,
  rekeyDatabaseFile,
  UNENCRYPTED,
  DatabaseKeyError,
  type Keying,
} from './cipher'
import {
  checkDatabaseFile,
  checkpointWal,
  referencedAttachments,
  snapshotInto,
  type CheckedDatabase,
  type Snapshot,
} from './database-file'
import {
  checkpointHeld,
  insertLinkedInto,
  optimizeHeld,
  releaseHeldWriter,
  type LinkedInsert,
} from './linked-insert'

// The whole-file SQLite work of backups, restores and the integrity check, as plain data in
// and out, so it can run in a worker thread (off-thread.ts, file-worker.ts). Measured on the
// main thread (issue 19): quick_check and row counts of a 603 MB copy froze the window for
// 1.76 s, 17–60 s at 6 GB; a worker has its own connection and event loop, and SQLite lets
// it read beside the app's writer (WAL).

/** A key as it crosses to a worker: hex, or null for an unencrypted file (tests only). */
export type KeyHex = string | null

export function keyHexOf(key: Keying): KeyHex {
  return key === UNENCRYPTED ? null : key.toString('hex')
}

export function keyingOf(hex: KeyHex): Keying {
  return hex === null ? UNENCRYPTED : asDatabaseKey(Buffer.from(hex, 'hex'))
}

/** A database file's health and contents, plus the note attachments it refers to. */
export interface InspectedDatabase extends CheckedDatabase {
  attachments: string[]
}

/** Every task a worker can run: its input and its result. */
export interface FileTasks {
  /** A consistent copy of the live file (database-file.ts snapshotInto). */
  snapshot: {
    input: { databaseFile: string; key: KeyHex; target: string }
    result: Snapshot
  }
  /** Optionally re-keys a closed copy, then checks it and lists its attachments. */
  inspect: {
    input: { file: string; key: KeyHex; rekeyFrom?: KeyHex }
    result: InspectedDatabase
  }
  /** Gives a closed copy another key (cipher.ts rekeyDatabaseFile). */
  rekey: { input: { file: string; from: KeyHex; to: KeyHex }; result: null }
  /**
   * quick_check(20) on a read-only connection: ['ok'] or the problems. `full` runs
   * integrity_check instead, which also checks every index against its table (minutes at
   * 6 GB; the weekly check, schedule.ts).
   */
  quickCheck: { input: { file: string; key: KeyHex; full?: boolean }; result: string[] }
  /** SHA-256 of a file's bytes, hex: hashing a 603 MB copy is seconds of CPU. */
  sha256: { input: { file: string }; result: string }
  /** A passive WAL checkpoint of the live file (database-file.ts checkpointWal). */
  checkpoint: { input: { databaseFile: string; key: KeyHex }; result: number[] }
  /**
   * One chunk of an import written into the live file from a connection of the worker's own
   * (linked-insert.ts): one transaction; answers how many items were written.
   */
  insertLinked: {
    input: { databaseFile: string; key: KeyHex; insert: LinkedInsert; hold?: boolean }
    result: number
  }
  /** Closes the connection insertLinked held open in this worker (`hold`). */
  releaseWriter: { input: { databaseFile: string }; result: null }
  /**
   * Planner statistics refreshed, on the held writer if any (linked-insert.ts optimizeHeld):
   * one table's (an import's), or PRAGMA optimize of every table that needs it.
   */
  optimize: { input: { databaseFile: string; key: KeyHex; table?: string }; result: boolean }
}

export type FileTaskName = keyof FileTasks
export type FileTask = {
  [N in FileTaskName]: { name: N; input: FileTasks[N]['input'] }
}[FileTaskName]

/** Runs one task on the calling thread: the worker's body, and the fallback without one. */
export function runFileTask<N extends FileTaskName>(
  name: N,
  input: FileTasks[N]['input'],
): FileTasks[N]['result'] {
  const task = { name, input } as FileTask
  switch (task.name) {
    case 'snapshot': {
      const { databaseFile, key, target } = task.input
      return snapshotInto(databaseFile, keyingOf(key), target) as FileTasks[N]['result']
    }
    case 'inspect': {
      const { file, key, rekeyFrom } = task.input
      const keying = keyingOf(key)
      if (rekeyFrom !== undefined) rekeyDatabaseFile(file, keyingOf(rekeyFrom), keying)
      const checked = checkDatabaseFile(file, keying)
      const attachments = referencedAttachments(file, keying)
      return { ...checked, attachments } as FileTasks[N]['result']
    }
    case 'rekey': {
      const { file, from, to } = task.input
      rekeyDatabaseFile(file, keyingOf(from), keyingOf(to))
      return null as FileTasks[N]['result']
    }
    case 'sha256':
      return sha256OfFile(task.input.file) as FileTasks[N]['result']
    case 'checkpoint': {
      const { databaseFile, key } = task.input
      // On an import's held connection when this worker has one (linked-insert.ts).
      return (checkpointHeld(databaseFile) ??
        checkpointWal(databaseFile, keyingOf(key))) as FileTasks[N]['result']
    }
    case 'insertLinked': {
      const { databaseFile, key, insert, hold } = task.input
      return insertLinkedInto(databaseFile, keyingOf(key), insert, hold) as FileTasks[N]['result']
    }
    case 'releaseWriter':
      releaseHeldWriter(task.input.databaseFile)
      return null as FileTasks[N]['result']
    case 'optimize': {
      const { databaseFile, key, table } = task.input
      return optimizeHeld(databaseFile, keyingOf(key), table) as FileTasks[N]['result']
    }
    case 'quickCheck': {
      const { file, key, full = false } = task.input
      return checkDatabaseFile(file, keyingOf(key), { counts: false, full })
        .quickCheck as FileTasks[N]['result']
    }
  }
}

function sha256OfFile(file: string): string {
  const hash = createHash('sha256')
  const buffer = Buffer.alloc(1024 * 1024)
  const fd = openSync(file, 'r')
  try {
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) {
      hash.update(buffer.subarray(0, n))
    }
  } finally {
    closeSync(fd)
  }
  return hash.digest('hex')
}

/** An error as it crosses back from a worker: enough to rebuild the kinds callers catch. */
export interface SentError {
  name: string
  message: string
  code?: string
  keyError?: { file: string; reason: 'wrong-key' | 'needs-key' }
}

export function sendableError(error: unknown): SentError {
  if (error instanceof DatabaseKeyError) {
    return {
      name: error.name,
      message: error.message,
      keyError: { file: error.file, reason: error.reason },
    }
  }
  const e = error instanceof Error ? error : new Error(String(error))
  const code = (e as { code?: unknown }).code
  return { name: e.name, message: e.message, ...(typeof code === 'string' ? { code } : {}) }
}

export function rebuiltError(sent: SentError): Error {
  if (sent.keyError) return new DatabaseKeyError(sent.keyError.file, sent.keyError.reason)
  const error = new Error(sent.message) as Error & { code?: string }
  error.name = sent.name
  if (sent.code) error.code = sent.code
  return error
}
