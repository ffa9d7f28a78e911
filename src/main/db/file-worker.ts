import { parentPort, workerData } from 'node:worker_threads'
import { runFileTask, sendableError, type FileTask } from './file-tasks'

// A worker thread's entry (off-thread.ts starts it): one task, one answer, then it exits,
// which closes every connection it opened before the caller goes on.
const task = workerData as FileTask
try {
  parentPort!.postMessage({ ok: true, value: runFileTask(task.name, task.input) })
} catch (error) {
  parentPort!.postMessage({ ok: false, error: sendableError(error) })
}
