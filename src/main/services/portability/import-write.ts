import { performance } from 'node:perf_hooks'
import { yielder } from '../../db/bulk-insert'
import type { ChunkSession } from '../../db/chunk-writer'
import type { LinkedInsert } from '../../db/linked-insert'
import type { LiveDatabase } from '../../db/live-database'
import type { AuditActor } from '../audit'
import { DomainError } from '../domain-error'
import { finishImportBatch, startImportBatch, type ImportBatchInfo } from './import-batch'
import { rollBackImport } from './import-undo'

/** An import that stopped part way and kept what it wrote (staff had worked on some of it). */
export class ImportPartlyKeptError extends DomainError {
  constructor(message: string) {
    super('conflict', message)
  }
}

/** What one import writes. */
export interface ImportWrite<R> {
  kind: 'clients' | 'appointments'
  /** The table each row's item goes into. */
  table: 'clients' | 'appointments'
  rows: readonly R[]
  /** A row as plain rows (import-client-write.ts, import-appointment-write.ts). */
  item: (row: R) => LinkedInsert['items'][number]
  batch: ImportBatchInfo
  actor: AuditActor
  now: Date
  progress: (percent: number) => void
}

/**
 * How long one chunk may hold the clinic's connection: main's own commands (a booking, a
 * progress poll) wait for the chunk in flight, never for the whole import. Chunks grow or
 * shrink towards this from the last one's time (a chunk costs ~10 ms of opening and commit
 * besides ~0.1 ms a row, more as FTS5 merges its segments).
 */
export const CHUNK_TARGET_MS = 50
const FIRST_CHUNK = 200
const MIN_CHUNK = 20
const MAX_CHUNK = 5_000

/** The next chunk's size from the last one's: towards the target, at most ×2 or ÷2 a step. */
export function nextChunkSize(size: number, ms: number): number {
  const towards = Math.round((size * CHUNK_TARGET_MS) / Math.max(ms, 1))
  return Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, Math.floor(size / 2), Math.min(size * 2, towards)))
}

/**
 * Issue 19: writes an import in chunks, each its own transaction, off the main thread, so
 * main's event loop keeps turning (a 50,000-row import in one transaction on main stalled it
 * 100–350 ms at a time, and every booking waited for the whole import). The import stays
 * whole or absent: its batch is in progress until the last chunk is in (import-batch.ts),
 * and a chunk that fails takes back every chunk before it (rollBackImport; a batch left in
 * progress by a stopped app is taken back at the next opening). Between chunks the rows
 * written so far are visible, as in any other system that imports while staff work.
 *
 * Holds the live database for the whole import (a restore waits, as it waited for the one
 * transaction), and main's connection for each chunk, so main's commands queue behind a
 * chunk asynchronously instead of meeting SQLite's lock (busy_timeout would block main's
 * thread). Building each chunk's rows on main yields every 10 ms.
 *
 * @returns how many rows were created
 * @throws the chunk's error once the rows are taken back; ImportPartlyKeptError ('conflict')
 *   when staff had already worked on some of them, which are then kept (and listed)
 */
export async function writeImport<R>(
  live: LiveDatabase,
  chunks: ChunkSession,
  w: ImportWrite<R>,
): Promise<number> {
  // The writer's session inside the hold on the live database: its connection is closed
  // before a restore may swap the file.
  return live.use((db) =>
    chunks(async (writer) => {
      await startImportBatch(db, w.kind, w.batch, w.rows.length, w.actor, w.now)
      let done = 0
      try {
        let size = FIRST_CHUNK
        const pause = yielder(Number.MAX_SAFE_INTEGER)
        while (done < w.rows.length) {
          const items: LinkedInsert['items'] = []
          for (const row of w.rows.slice(done, done + size)) {
            items.push(w.item(row))
            await pause(items.length)
          }
          const started = performance.now()
          const written = await db
            .connection()
            .execute(() => writer.write({ table: w.table, items }))
          size = nextChunkSize(size, performance.now() - started)
          done += written
          w.progress((done / w.rows.length) * 99)
          await writer.between()
        }
        await finishImportBatch(db, w.kind, w.batch, done, w.actor, w.now)
        // The analysis takes SQLite's write lock: main's commands queue behind it here, as
        // behind a chunk, rather than wait on the lock on main's thread (busy_timeout).
        // Best effort: the import is in; stale statistics only slow searches until the next.
        await db
          .connection()
          .execute(() => writer.refreshStatistics(w.table))
          .catch(() => false)
        return done
      } catch (error) {
        // A rollback that fails too (the disk is full) leaves the batch in progress: the next
        // opening takes it back (rollBackUnfinishedImports).
        const back = await rollBackImport(db, w.batch.id, w.actor, w.now).catch(() => null)
        if (!back || back.removed) throw error
        throw new ImportPartlyKeptError(
          `The import stopped part way. The ${back.rows} ${w.kind} it had written were kept, because some have been worked on since; the rest of the file was not imported.`,
        )
      }
    }),
  )
}
