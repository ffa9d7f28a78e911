import { copyFileSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openCore, type PlinthCore } from '../../src/main/app-core'
import {
  DatabaseKeyError,
  newDatabaseKey,
  openDatabase,
  UNENCRYPTED,
  type Keying,
} from '../../src/main/db/cipher'
import { keyFromRecoveryKey, readClinicKeys, recoveryKeyText } from '../../src/main/db/clinic-keys'
import { silentLogger } from '../../src/main/log'
import { seedDemoClinic } from '../../src/main/seed/demo-clinic'
import { aClient } from '../fixtures/clients'
import { aNote, aTherapistAccount, callOk } from '../fixtures/notes'
import { filesUnder, hashOf, headerOf, leaks, PLAIN_HEADER } from '../fixtures/raw-bytes'
import { aSession, openTempCore, tempDir } from '../fixtures/temp-core'

// Issue 12: the clinic file is encrypted at rest. Real files in temp folders, read back byte
// by byte as someone with a stolen laptop would.

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})
const owner = aSession('owner')
const WORDS = ['Wolstenholme', 'Pterodactylitis', 'Snarkhollow']

async function aClinic(key?: Keying) {
  const core = await openTempCore(key ? { key } : {})
  cleanups.push(() => core.dispose())
  return core
}

/** A client and a treatment note with words found nowhere else. */
async function aRecordWithWords(core: PlinthCore) {
  const sam = await aTherapistAccount(core, 'Sam')
  const client = await aClient()
    .named('Ada', 'Wolstenholme')
    .withAlert('Pterodactylitis of the left calf')
    .in(core)
  await aNote(core, sam.session, client.id)
    .withSection('subjective', 'Tight after the Snarkhollow fell race')
    .in()
}

async function backUp(core: PlinthCore): Promise<string[]> {
  const job = await callOk(core, 'backups.create', {}, owner)
  await core.backups.idle()
  expect(core.backups.job(job.id)).toMatchObject({ state: 'done' })
  return filesUnder(core.backups.folder())
}

describe('the clinic file on disk', () => {
  it('the same record is readable with grep in an unencrypted file (so the checks below can fail)', async () => {
    const core = await aClinic(UNENCRYPTED)
    await aRecordWithWords(core)
    expect(headerOf(core.file)).toBe(PLAIN_HEADER)
    expect(leaks([`${core.file}-wal`], WORDS)).not.toEqual([])
  })

  it('is encrypted: no "SQLite format 3" header, and no word of a record in the file, its WAL or a backup', async () => {
    const core = await aClinic()
    await aRecordWithWords(core)
    // The record is in the WAL now, not yet in the file: both are read as they are.
    expect(existsSync(`${core.file}-wal`)).toBe(true)
    expect(leaks([core.file, `${core.file}-wal`], WORDS)).toEqual([])
    const backupFiles = await backUp(core)
    core.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    expect(headerOf(core.file)).not.toBe(PLAIN_HEADER)
    expect(leaks([core.file, ...backupFiles], WORDS)).toEqual([])
    const backup = backupFiles.find((f) => f.endsWith('.sqlite'))!
    expect(headerOf(backup)).not.toBe(PLAIN_HEADER)
    // And the words are there for whoever has the key.
    const keyed = openDatabase(backup, core.key, { readonly: true })
    expect(keyed.prepare('SELECT last_name FROM clients').all()).toContainEqual({
      last_name: 'Wolstenholme',
    })
    keyed.close()
  })

  it('refuses a wrong key with a typed error and leaves the file, its WAL and its keys as they were', async () => {
    const core = await aClinic()
    await aRecordWithWords(core)
    // The files as a crash would leave them: the latest changes still in the WAL.
    const tmp = tempDir()
    cleanups.push(tmp.remove)
    const file = join(tmp.dir, 'clinic.sqlite')
    copyFileSync(core.file, file)
    copyFileSync(`${core.file}-wal`, `${file}-wal`)
    copyFileSync(`${core.file}.keys.json`, `${file}.keys.json`)
    const before = [file, `${file}-wal`, `${file}.keys.json`].map(hashOf)

    const wrong = openCore({ file, key: newDatabaseKey(), log: silentLogger })
    await expect(wrong).rejects.toBeInstanceOf(DatabaseKeyError)
    await expect(openCore({ file, key: newDatabaseKey(), log: silentLogger })).rejects.toThrow(
      /^This clinic file cannot be opened with this key.*has not been changed/,
    )
    await expect(openCore({ file, key: UNENCRYPTED, log: silentLogger })).rejects.toMatchObject({
      name: 'DatabaseKeyError',
      reason: 'needs-key',
    })
    expect([file, `${file}-wal`, `${file}.keys.json`].map(hashOf)).toEqual(before)
    // Nothing new but SQLite's lock and shared-memory index files.
    expect(filesUnder(tmp.dir).filter((f) => !/\.lock$|-shm$/.test(f))).toHaveLength(3)

    // The right key opens the same copy, with the record from the WAL.
    const right = await openCore({ file, key: core.key, log: silentLogger })
    cleanups.push(() => right.close())
    expect(
      await right.db
        .selectFrom('clients')
        .select('last_name')
        .where('last_name', '=', 'Wolstenholme')
        .execute(),
    ).toHaveLength(1)
  })

  it('opens with the data key the printed recovery key unwraps, and with no other', async () => {
    const core = await aClinic()
    await aRecordWithWords(core)
    const keys = readClinicKeys(core.file)!
    const printed = recoveryKeyText(keys, core.key as never)!
    expect(printed).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/)
    // Nothing in the keys file is the data key or the recovery key in the clear.
    const keysFile = readFileSync(`${core.file}.keys.json`, 'utf8')
    expect(keysFile).not.toContain((core.key as Buffer).toString('hex'))
    expect(keysFile).not.toContain((core.key as Buffer).toString('base64'))
    expect(keysFile.toUpperCase()).not.toContain(printed.replaceAll('-', ''))

    const recovered = keyFromRecoveryKey(keys.recovery, keys.keyId, printed.toLowerCase())
    expect(recovered.equals(core.key as Buffer)).toBe(true)
    const other = await aClinic()
    const otherPrinted = recoveryKeyText(readClinicKeys(other.file)!, other.key as never)!
    expect(() => keyFromRecoveryKey(keys.recovery, keys.keyId, otherPrinted)).toThrow(
      /does not open this clinic file/,
    )
    const reader = openDatabase(core.file, recovered, { readonly: true })
    expect(reader.prepare('SELECT count(*) AS n FROM clients').get()).toEqual({ n: 1 })
    reader.close()
  })
})

describe('upgrading a clinic file from before encryption at rest', () => {
  it('encrypts it in place after a backup, keeping every row of every table', async () => {
    const tmp = tempDir()
    cleanups.push(tmp.remove)
    const file = join(tmp.dir, 'clinic.sqlite')
    const plain = await openCore({ file, key: UNENCRYPTED, log: silentLogger })
    // No years of demo history: the upgrade's point is every row, not many rows (it took 20 s).
    await seedDemoClinic(plain, { clients: 25, history: false })
    await aRecordWithWords(plain)
    await plain.close()
    expect(headerOf(file)).toBe(PLAIN_HEADER)
    const rowsBefore = everyRow(file, UNENCRYPTED)
    expect(Object.values(rowsBefore).flat().length).toBeGreaterThan(500)

    const key = newDatabaseKey()
    const upgraded = await openCore({ file, key, log: silentLogger })
    cleanups.push(() => upgraded.close())
    expect(upgraded.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    upgraded.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    expect(headerOf(file)).not.toBe(PLAIN_HEADER)
    expect(leaks([file], WORDS)).toEqual([])
    expect(everyRow(file, key)).toEqual(rowsBefore)

    // The backup of the file as it was, taken first, is itself encrypted with the new key.
    const [backup] = upgraded.backups.list().backups
    expect(backup).toMatchObject({ reason: 'pre-migration', encrypted: true, needsSecret: false })
    const backupFile = join(upgraded.backups.folder(), backup!.name)
    expect(headerOf(backupFile)).not.toBe(PLAIN_HEADER)
    expect(everyRow(backupFile, key)).toEqual(rowsBefore)
  })
})

/** Every row of every table (search indexes' shadow tables included), in a stable order. */
function everyRow(file: string, key: Keying): Record<string, unknown[]> {
  const db = openDatabase(file, key, { readonly: true })
  try {
    const tables = db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name`,
      )
      .all() as { name: string }[]
    return Object.fromEntries(
      tables.map(({ name }) => [
        name,
        db.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).raw().all(),
      ]),
    )
  } finally {
    db.close()
  }
}
