import { runOffThread } from '../../db/off-thread'
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'

/** SHA-256 of a file's bytes, streamed: a backup is checked against its manifest with it. */
export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** SHA-256 of a database file (a backup, a copy), in a worker thread: seconds of CPU at scale. */
export function databaseSha256Of(file: string): Promise<string> {
  return runOffThread('sha256', { file })
}
