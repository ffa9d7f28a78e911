import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { checkDatabaseFile } from './database-check'

// Plain CommonJS so it runs as an eval'd worker both from the bundled main process and
// under vitest, with no second bundle entry to keep in step.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
let db
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true })
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
export function quickCheckOffThread(file: string): Promise<string[]> {
  let driver: string
  try {
    driver = createRequire(import.meta.url).resolve('better-sqlite3')
  } catch {
    return Promise.resolve(checkDatabaseFile(file).quickCheck)
  }
  return new Promise((done, fail) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver } })
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
