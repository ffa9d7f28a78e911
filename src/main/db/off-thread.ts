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

/** Idle workers wait this long for the next task (a backup's steps follow each other). */
const KEEP_IDLE_MS = 2_000

const idle: { worker: Worker; timer: NodeJS.Timeout }[] = []

function acquire(url: URL, execArgv: string[]): Worker {
  const kept = idle.pop()
  if (kept) {
    clearTimeout(kept.timer)
    return kept.worker
  }
  const worker = new Worker(url, { execArgv })
  // Never what keeps the process alive: an idle worker is simply dropped at exit.
  worker.unref()
  return worker
}

function release(worker: Worker): void {
  const timer = setTimeout(() => {
    const at = idle.findIndex((k) => k.worker === worker)
    if (at >= 0) idle.splice(at, 1)
    void worker.terminate()
  }, KEEP_IDLE_MS)
  timer.unref()
  idle.push({ worker, timer })
}

type Answer<N extends FileTaskName> =
  { ok: true; value: FileTasks[N]['result'] } | { ok: false; error: SentError }

/**
 * Runs one whole-file task (file-tasks.ts) in a worker thread and resolves with its result.
 * Tasks run side by side in as many workers as are busy (the integrity check beside a
 * backup); an idle worker is reused for the next task for a couple of seconds, since
 * starting one costs ~50–150 ms and a backup is four tasks. Every connection a task opens
 * is closed before it answers (unless the task says it holds one: `insertLinked` with
 * `hold`, see inOneWorker): the caller may then rename or delete the file. Errors come
 * back as the same kinds (DatabaseKeyError included).
 */
export function runOffThread<N extends FileTaskName>(
  name: N,
  input: FileTasks[N]['input'],
): Promise<FileTasks[N]['result']> {
  return inOneWorker((run) => run(name, input))
}

/** Runs a task in the worker inOneWorker holds. */
export type RunTask = <N extends FileTaskName>(
  name: N,
  input: FileTasks[N]['input'],
) => Promise<FileTasks[N]['result']>

/**
 * Runs `work`, whose tasks all go to one worker thread, in order: what a task leaves in its
 * worker (an import's connection, kept open between its chunks) is there for the next. The
 * worker goes back to the pool once `work` settles; `work` must have released what its
 * tasks hold by then. Without a worker the tasks run on this thread, in the same order.
 */
export async function inOneWorker<T>(work: (run: RunTask) => Promise<T>): Promise<T> {
  entry ??= workerEntry()
  if (!entry) {
    return work(async (name, input) => runFileTask(name, input))
  }
  const worker = acquire(entry.url, entry.execArgv)
  let broken = false
  const run: RunTask = (name, input) =>
    new Promise((done, fail) => {
      if (broken) {
        fail(new Error('The database worker stopped unexpectedly'))
        return
      }
      const settle = () => {
        worker.off('message', onMessage)
        worker.off('error', onError)
        worker.off('exit', onExit)
      }
      const onMessage = (answer: Answer<typeof name>) => {
        settle()
        if (answer.ok) done(answer.value)
        else fail(rebuiltError(answer.error))
      }
      const onError = (error: Error) => {
        settle()
        broken = true
        void worker.terminate()
        fail(error)
      }
      const onExit = (code: number) => {
        settle()
        broken = true
        fail(new Error(`The database worker stopped unexpectedly (exit ${code})`))
      }
      worker.on('message', onMessage)
      worker.on('error', onError)
      worker.on('exit', onExit)
      // The key crosses in this process's memory only (a structured copy).
      worker.postMessage({ name, input })
    })
  try {
    return await work(run)
  } finally {
    if (!broken) release(worker)
  }
}
