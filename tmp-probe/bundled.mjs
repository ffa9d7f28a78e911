import { Worker } from 'node:worker_threads'
import Database from 'better-sqlite3'
const f = '/tmp/x/b.sqlite'; const db = new Database(f); db.exec('create table if not exists t(x)'); db.close()
const w = new Worker(new URL('../out/main/file-worker.js', import.meta.url))
w.on('message', (m) => { console.log(m); w.terminate() })
w.postMessage({ name: 'quickCheck', input: { file: f, key: null } })
