import type Database from 'better-sqlite3'
import type { Keying } from './cipher'
import { keyHexOf } from './file-tasks'
import { insertLinked, type LinkedInsert } from './linked-insert'
import { analyseTable, reloadStatistics } from './optimize'
import { inOneWorker, runOffThread } from './off-thread'

/** Writes an import's chunks, each in one transaction (linked-insert.ts). */
export interface ChunkWriter {
  /** Writes one chunk; answers how many items it wrote. */
  write(insert: LinkedInsert): Promise<number>
  /** Between chunks, when the app's connection is free again: a WAL checkpoint if due. */
  between(): Promise<void>
  /**
   * After the last chunk: the planner's statistics for `table` brought up to its new size
   * (ANALYZE, sampled), then loaded by the app's connection. With the old ones, 100,000
   * imported clients into a small file searched in ~110 ms instead of ~1.5 ms.
   * Best effort: answers whether it ran.
   */
  refreshStatistics(table: string): Promise<boolean>
}

/** Opens a writer for the length of `work` and closes it after, however `work` ends. */
export type ChunkSession = <T>(work: (writer: ChunkWriter) => Promise<T>) => Promise<T>

/**
 * Items written between two checkpoints of the writer's WAL (~40 MB of WAL at 100,000
 * clients: each row touches a dozen index pages). Its automatic checkpoint at commit is off,
 * so no chunk pays for one while the app waits for it.
 */
const CHECKPOINT_EVERY = 2_000

/**
 * A writer in one worker thread with its own connection to the clinic file, held open from
 * the first chunk to the last (warm cache, no re-opening), closed before the session ends:
 * the caller (an import holding the live database) must not let a restore swap the file
 * while it is open. Meanwhile the app's own connection (`app`) checkpoints nothing at its
 * commits: with the WAL growing by megabytes a chunk, a booking's commit copied it back on
 * main (100+ ms held); the writer's checkpoints, in a worker, do it instead.
 */
export function offThreadChunks(
  databaseFile: string,
  key: Keying,
  app: () => Database.Database,
): ChunkSession {
  const target = { databaseFile, key: keyHexOf(key) }
  return (work) =>
    inOneWorker(async (run) => {
      const sqlite = app()
      const every = Number(sqlite.pragma('wal_autocheckpoint', { simple: true }))
      sqlite.pragma('wal_autocheckpoint = 0')
      let since = 0
      // At most one checkpoint at a time, in a worker of its own beside the chunks.
      let checkpointing: Promise<unknown> = Promise.resolve()
      try {
        return await work({
          write: async (insert) => {
            const written = await run('insertLinked', { ...target, insert, hold: true })
            since += written
            return written
          },
          between: async () => {
            if (since < CHECKPOINT_EVERY) return
            await checkpointing
            since = 0
            checkpointing = runOffThread('checkpoint', target).catch(() => undefined)
          },
          refreshStatistics: async (table) => {
            // Analysed by the writer in its worker, loaded by the app: main only reloads.
            const ran = await run('optimize', { ...target, table }).catch(() => false)
            if (!ran) return false
            reloadStatistics(app())
            return true
          },
        })
      } finally {
        await checkpointing
        await run('releaseWriter', { databaseFile }).catch(() => undefined)
        if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${every}`)
      }
    })
}

/** The app's own connection as the writer: an in-memory clinic, which no worker can open. */
export function inThreadChunks(sqlite: () => Database.Database): ChunkSession {
  return (work) =>
    work({
      write: async (insert) => insertLinked(sqlite(), insert),
      between: async () => undefined,
      refreshStatistics: async (table) => analyseTable(sqlite(), table),
    })
}
