import { parentPort } from 'node:worker_threads'
import { runFileTask, sendableError, type FileTask } from './file-tasks'

// A worker thread's entry (off-thread.ts starts and reuses it): one task at a time, each
// answered once every connection it opened is closed, so the caller may then rename or
// delete the file.
parentPort!.on('message', (task: FileTask) => {
  try {
    parentPort!.postMessage({ ok: true, value: runFileTask(task.name, task.input) })
  } catch (error) {
    parentPort!.postMessage({ ok: false, error: sendableError(error) })
  }
})
