import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DatabaseKeyError, newDatabaseKey } from '../../src/main/db/cipher'
import { keyHexOf, runFileTask } from '../../src/main/db/file-tasks'
import { runOffThread, runsOffThread } from '../../src/main/db/off-thread'
import { readClinicKeys } from '../../src/main/db/clinic-keys'
import type { DatabaseKey } from '../../src/main/db/cipher'
import { sha256Of } from '../../src/main/services/backups/file-hash'
import { takeBackup } from '../../src/main/services/backups/take-backup'
import { readBackupKey } from '../../src/main/services/backups/key-file'
import { openTempCore } from '../fixtures/temp-core'
import { aBookedAppointment, aTherapistAccount } from '../fixtures/notes'

type TempCore = Awaited<ReturnType<typeof openTempCore>>
const cores: TempCore[] = []
afterEach(async () => {
  while (cores.length) await cores.pop()!.dispose()
})

/** A clinic with years of audit history: enough pages that copying and checking take a while. */
async function aClinicWithHistory(rows = 60_000): Promise<TempCore> {
  const core = await openTempCore()
  cores.push(core)
  const insert = core.sqlite.prepare(
    `INSERT INTO audit_log (at, user_id, username, action, entity_type, entity_id, summary, workstation)
     VALUES (?, 1, 'reception-1', 'appointment.book', 'appointment', ?, ?, 'RECEPTION-PC')`,
  )
  core.sqlite.transaction(() => {
    for (let i = 0; i < rows; i++) {
      insert.run(new Date(1_700_000_000_000 + i * 60_000).toISOString(), String(i), `Row ${i}`)
    }
  })()
  core.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  return core
}

describe('backups off the main thread (issue 19)', () => {
  it('runs the whole-file SQLite work in a worker thread, with the same answers as in-thread', async () => {
    expect(runsOffThread()).toBe(true)
    const core = await aClinicWithHistory(2_000)
    const copy = join(core.dir, 'copy.sqlite')
    const key = keyHexOf(core.key)
    const snapshot = await runOffThread('snapshot', { databaseFile: core.file, key, target: copy })
    expect(snapshot.liveCounts?.['audit_log']).toBeGreaterThanOrEqual(2_000)
    const inWorker = await runOffThread('inspect', { file: copy, key })
    expect(inWorker).toEqual(runFileTask('inspect', { file: copy, key }))
    expect(inWorker.quickCheck).toEqual(['ok'])
    expect(inWorker.counts).toEqual(snapshot.liveCounts)
    expect(await runOffThread('sha256', { file: copy })).toBe(await sha256Of(copy))

    // The kinds of error callers catch come back as themselves.
    const wrong = runOffThread('inspect', { file: copy, key: keyHexOf(newDatabaseKey()) })
    await expect(wrong).rejects.toBeInstanceOf(DatabaseKeyError)
    await expect(wrong).rejects.toMatchObject({ reason: 'wrong-key', file: copy })
    const gone = runOffThread('quickCheck', { file: join(core.dir, 'none.sqlite'), key })
    await expect(gone).rejects.toThrow(/unable to open database file/)
  })

  it('keeps the event loop turning while the copy is taken and checked', async () => {
    const core = await aClinicWithHistory()
    // Counts the turns of main's event loop; each progress step records how many so far.
    let turns = 0
    const ticker = setInterval(() => turns++, 1)
    const seen: { stage: string; percent: number; turns: number }[] = []
    try {
      const taken = await takeBackup({
        databaseFile: core.file,
        reason: 'manual',
        at: new Date('2026-06-17T07:30:00Z'),
        workDir: join(core.dir, '.work'),
        sourceKey: core.key,
        clinic: { key: core.key as DatabaseKey, ...readClinicKeys(core.file)! },
        passphrase: readBackupKey(core.file),
        progress: (stage, percent) => seen.push({ stage, percent, turns }),
      })
      expect(taken.manifest.quickCheck).toBe('ok')
      expect(taken.manifest.counts['audit_log']).toBeGreaterThanOrEqual(60_000)
    } finally {
      clearInterval(ticker)
    }
    const at = (percent: number) => seen.find((s) => s.percent === percent)!.turns
    // VACUUM INTO (between 5 % and 45 %) used to run on this thread: no turn at all.
    expect(at(45) - at(5)).toBeGreaterThan(0)
    // quick_check and the row counts of the copy (55 % to 65 %).
    expect(at(65) - at(55)).toBeGreaterThan(0)
  })

  it('answers a booking made while a backup runs, before the backup has finished', async () => {
    const core = await aClinicWithHistory()
    const { therapistId } = await aTherapistAccount(core, 'Sam')
    const job = core.backups.startBackup()
    const booked = await aBookedAppointment(core, therapistId, '2026-11-25 11:00')
    expect(booked.appointmentId).toBeGreaterThan(0)
    expect(core.backups.job(job.id).state).toBe('running')
    await core.backups.idle()
    const done = core.backups.job(job.id)
    expect(done.state, done.message ?? '').toBe('done')
  })
})
