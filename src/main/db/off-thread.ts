import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import {
  rebuiltError,
  runFileTask,
  type FileTaskName,
  type FileTasks,
  type SentError,
} from './file-tasks'

/**
 * Where the worker's entry is, and how to start it:
 * - in the app, electron-vite builds src/main/db/file-worker.ts as its own entry beside
 *   index.js (electron.vite.config.ts, `file-worker` input), so out/main/file-worker.js;
 * - under vitest, tsx (`npm run bench`, `seed`, `serve:web`) this module is the .ts source,
 *   and the worker is file-worker.ts beside it, loaded through tsx's loader (a worker does
 *   not inherit vitest's transform).
 * Null when neither is found (a bundle laid out otherwise): the work then runs in-thread.
 */
function workerEntry(): { url: URL; execArgv: string[] } | null {
  for (const built of ['./file-worker.js', '../file-worker.js']) {
    const url = new URL(built, import.meta.url)
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return { url, execArgv: [] }
  }
  const source = new URL('./file-worker.ts', import.meta.url)
  if (source.protocol !== 'file:' || !existsSync(fileURLToPath(source))) return null
  try {
    const tsx = createRequire(import.meta.url).resolve('tsx')
    return { url: source, execArgv: ['--import', pathToFileURL(tsx).href] }
  } catch {
    return null
  }
}

let entry: ReturnType<typeof workerEntry> | undefined

/** Whether tasks really leave the main thread here (the tests check it does). */
export function runsOffThread(): boolean {
  entry ??= workerEntry()
  return entry !== null
}

/**
 * Runs one whole-file task (file-tasks.ts) in a new worker thread and resolves with its
 * result once the worker has exited, so every connection it opened is closed: a caller may
 * then rename or delete the file. A worker per task costs ~50–150 ms to start, which is
 * nothing beside the seconds the task itself takes on a large clinic, and nothing is held
 * open between backups. Errors come back as the same kinds (DatabaseKeyError included).
 */
export function runOffThread<N extends FileTaskName>(
  name: N,
  input: FileTasks[N]['input'],
): Promise<FileTasks[N]['result']> {
  entry ??= workerEntry()
  if (!entry) {
    try {
      return Promise.resolve(runFileTask(name, input))
    } catch (error) {
      return Promise.reject(error as Error)
    }
  }
  const { url, execArgv } = entry
  return new Promise((done, fail) => {
    // The key crosses in this process's memory only (workerData is a copy).
    const worker = new Worker(url, { workerData: { name, input }, execArgv })
    let answer:
      { ok: true; value: FileTasks[N]['result'] } | { ok: false; error: SentError } | null = null
    worker.once('message', (message: typeof answer) => (answer = message))
    worker.once('error', fail)
    worker.once('exit', (code) => {
      if (answer?.ok) done(answer.value)
      else if (answer) fail(rebuiltError(answer.error))
      else fail(new Error(`The database worker stopped unexpectedly (exit ${code})`))
    })
  })
}
