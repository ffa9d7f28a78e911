import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { keyPragmas, type Keying } from './cipher'
import { checkDatabaseFile } from './database-file'

// Plain CommonJS so it runs as an eval'd worker both from the bundled main process and
// under vitest, with no second bundle entry to keep in step.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
let db
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true })
  // The key first, as cipher.ts does on the main thread.
  for (const pragma of workerData.keyPragmas) db.pragma(pragma)
  db.pragma('busy_timeout = 5000')
  const rows = db.pragma('quick_check(20)')
  parentPort.postMessage({ problems: rows.map((r) => r.quick_check) })
} catch (error) {
  parentPort.postMessage({ problems: [String((error && error.message) || error)] })
} finally {
  if (db) db.close()
}
`

/**
 * SQLite's quick_check on its own read-only connection in a worker thread, so a large
 * database does not freeze the window at start. Resolves to ['ok'] or the problems found.
 */
export function quickCheckOffThread(file: string, key: Keying): Promise<string[]> {
  let driver: string
  try {
    driver = createRequire(import.meta.url).resolve('better-sqlite3')
  } catch {
    return Promise.resolve(checkDatabaseFile(file, key).quickCheck)
  }
  return new Promise((done, fail) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      // The key crosses to the worker in this process's memory only (workerData is a copy).
      workerData: { file, driver, keyPragmas: keyPragmas(key) },
    })
    let problems: string[] | null = null
    worker.once('message', (message: { problems: string[] }) => (problems = message.problems))
    worker.once('error', fail)
    // Settle only once the worker has closed its connection: until then it may still be
    // touching the database's -shm file, and a caller that closes or deletes must wait.
    worker.once('exit', (code) => {
      if (problems) done(problems)
      else fail(new Error(`The integrity check stopped unexpectedly (exit ${code})`))
    })
  })
}
