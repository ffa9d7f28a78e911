import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openCore } from '../../src/main/app-core'
import { newDatabaseKey } from '../../src/main/db/cipher'
import { silentLogger } from '../../src/main/log'
import {
  saveBackupPassphrase,
  forgetBackupPassphrase,
} from '../../src/main/services/backups/key-file'
import { measure, type Figure } from './measure'

/**
 * Backup and restore of a clinic with years of history. Until clients, diary and notes
 * exist the bulk is audit rows (~150 bytes each, like a note's metadata), written straight
 * into the file: the figure is about moving megabytes, not about any one domain. Runs on
 * its own clinic so the other benches do not inherit its bulk (or its restore).
 */
export async function benchBackups(rows = 300_000): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-bench-backups-'))
  const core = await openCore({
    file: join(dir, 'clinic.sqlite'),
    key: newDatabaseKey(),
    log: silentLogger,
  })
  try {
    return await run(core, rows)
  } finally {
    await core.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function run(core: Awaited<ReturnType<typeof openCore>>, rows: number): Promise<Figure[]> {
  const insert = core.sqlite.prepare(
    `INSERT INTO audit_log (at, user_id, username, action, entity_type, entity_id, summary, workstation)
     VALUES (?, 1, 'reception-1', 'diary.book', 'appointment', ?, ?, 'RECEPTION-PC')`,
  )
  core.sqlite.transaction(() => {
    for (let i = 0; i < rows; i++) {
      insert.run(
        new Date(1_700_000_000_000 + i * 60_000).toISOString(),
        String(i),
        `Booked sports massage, 60 min, row ${i}`,
      )
    }
  })()
  core.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  const mb = (statSync(core.file).size / 1024 / 1024).toFixed(0)
  const figures: Figure[] = []
  figures.push(
    await measure(`backup, verified (${mb} MB database)`, 3, () => core.backups.backup('manual')),
  )
  await saveBackupPassphrase(core.file, 'bench passphrase words')
  core.sqlite.prepare('UPDATE backup_settings SET encrypt = 1').run()
  figures.push(
    await measure(`backup, encrypted and verified (${mb} MB)`, 3, () =>
      core.backups.backup('manual'),
    ),
  )
  core.sqlite.prepare('UPDATE backup_settings SET encrypt = 0').run()
  forgetBackupPassphrase(core.file)
  // Every backup is encrypted (with the clinic key, or the passphrase now forgotten): the
  // restore takes one that opens without typing.
  const plain = core.backups.list().backups.find((b) => !b.needsSecret)
  if (!plain) throw new Error('no backup opens without a passphrase')
  figures.push(
    await measure(`restore, incl. the backup taken first (${mb} MB)`, 1, async () => {
      const job = await core.backups.startRestore(
        plain.name,
        undefined,
        core.backups.actorFor(null),
      )
      for (;;) {
        const state = core.backups.job(job.id)
        if (state.state === 'failed') throw new Error(state.message ?? 'restore failed')
        if (state.state === 'done') break
        await new Promise((r) => setTimeout(r, 5))
      }
    }),
  )
  return figures
}
