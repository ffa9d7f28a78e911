import { createHash } from 'node:crypto'
import {
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  closeSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openCore, type PlinthCore } from '../../src/main/app-core'
import { DatabaseKeyError } from '../../src/main/db/cipher'
import { silentLogger } from '../../src/main/log'
import { openClinicForWindow, hostSideOf } from '../../src/main/link/host-side'
import { LinkShell } from '../../src/main/link/link-shell'
import { memoryDeskStore } from '../../src/main/link/desk-store'
import { ClinicFileProblemError } from '../../src/main/services/rescue/clinic-rescue'
import type { ClinicFileProblem } from '../../src/shared/contract/rescue'
import { aClient } from '../fixtures/clients'
import { tempDir } from '../fixtures/temp-core'
import { testKey } from '../fixtures/test-key'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean()
})

const hashOf = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')
const open = (file: string, extra: Partial<Parameters<typeof openCore>[0]> = {}) =>
  openCore({ file, key: testKey, log: silentLogger, ...extra })

/** A clinic with Priya Shah in it, backed up and closed: the files a crash would find. */
async function aBackedUpClinic(): Promise<{ file: string; dir: string; backup: string }> {
  const tmp = tempDir()
  cleanups.push(tmp.remove)
  const file = join(tmp.dir, 'plinth.sqlite')
  const core = await open(file)
  await aClient().named('Priya', 'Shah').in(core)
  const taken = await core.backups.backup('manual')
  await core.close()
  return { file, dir: tmp.dir, backup: taken.manifest.name }
}

async function problemOf(opening: Promise<unknown>): Promise<ClinicFileProblem> {
  const error = await opening.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ClinicFileProblemError)
  return (error as ClinicFileProblemError).problem
}

async function clientNames(core: PlinthCore): Promise<string[]> {
  const rows = await core.db.selectFrom('clients').select('last_name').execute()
  return rows.map((r) => r.last_name)
}

const asideFiles = (dir: string) => readdirSync(dir).filter((f) => f.includes('.damaged-'))

describe('a clinic file that is missing while backups of it exist', () => {
  for (const how of ['deleted', 'emptied to 0 bytes'] as const) {
    it(`is not replaced by an empty clinic when ${how}: Plinth offers the newest backup`, async () => {
      const { file, dir, backup } = await aBackedUpClinic()
      if (how === 'deleted') {
        for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true })
      } else {
        writeFileSync(file, '')
      }
      const backupsBefore = readdirSync(join(dir, 'backups')).sort()

      const problem = await problemOf(open(file))
      expect(problem).toMatchObject({ kind: 'missing', file, detail: null })
      expect(problem.backups[0]).toMatchObject({ name: backup, verified: true, needsSecret: false })
      expect(problem.backups[0]!.counts['clients']).toBe(1)
      // Nothing created, nothing backed up: the next quit cannot rotate the real backups away.
      expect(existsSync(file) ? statSync(file).size : 0).toBe(0)
      expect(readdirSync(join(dir, 'backups')).sort()).toEqual(backupsBefore)

      const restored = await open(file, { rescue: { kind: 'restore', backup } })
      cleanups.push(() => restored.close())
      expect(await clientNames(restored)).toEqual(['Shah'])
      // A 0-byte file is set aside too: never deleted.
      expect(asideFiles(dir)).toHaveLength(how === 'deleted' ? 0 : 1)
    })
  }

  it('is a new clinic when there are no backups beside it, as on a first start', async () => {
    const tmp = tempDir()
    cleanups.push(tmp.remove)
    const core = await open(join(tmp.dir, 'plinth.sqlite'))
    cleanups.push(() => core.close())
    expect(await clientNames(core)).toEqual([])
  })

  it('starts a new clinic only when told to, keeping the backups', async () => {
    const { file, dir } = await aBackedUpClinic()
    writeFileSync(file, '')
    await problemOf(open(file))
    const fresh = await open(file, { rescue: { kind: 'startNew', confirm: 'START NEW' } })
    cleanups.push(() => fresh.close())
    expect(await clientNames(fresh)).toEqual([])
    expect(readdirSync(join(dir, 'backups')).some((f) => f.endsWith('-manual.sqlite'))).toBe(true)
  })
})

describe('a clinic file that will not open', () => {
  const damages = {
    'cut short to half its size': (file: string) =>
      truncateSync(file, Math.floor(statSync(file).size / 2)),
    'cut short to one page': (file: string) => truncateSync(file, 4096),
    'with its first bytes overwritten': (file: string) => {
      const fd = openSync(file, 'r+')
      writeSync(fd, Buffer.alloc(64, 0x41), 0, 64, 0)
      closeSync(fd)
    },
  }
  for (const [how, damage] of Object.entries(damages)) {
    it(`${how}: shows why, restores the newest backup and sets the damaged file aside untouched`, async () => {
      const { file, dir, backup } = await aBackedUpClinic()
      damage(file)
      const damagedBytes = hashOf(file)

      const problem = await problemOf(
        openClinicForWindow({ file, key: testKey, log: silentLogger }),
      )
      expect(problem.kind).toBe('damaged')
      expect(problem.detail).toMatch(/malformed|cannot be opened with this key/)
      expect(problem.backups[0]).toMatchObject({ name: backup, verified: true })
      expect(hashOf(file)).toBe(damagedBytes)

      const restored = await openClinicForWindow({
        file,
        key: testKey,
        log: silentLogger,
        rescue: { kind: 'restore', backup },
      })
      cleanups.push(() => restored.close())
      expect(await clientNames(restored)).toEqual(['Shah'])
      const [aside] = asideFiles(dir).filter((f) => !/-(wal|shm|journal)$/.test(f))
      expect(aside).toMatch(/^plinth\.sqlite\.damaged-\d{4}-\d\d-\d\dT/)
      expect(hashOf(join(dir, aside!))).toBe(damagedBytes)
    })
  }

  it('keeps a wrong key a DatabaseKeyError for the headless commands', async () => {
    const { file } = await aBackedUpClinic()
    const fd = openSync(file, 'r+')
    writeSync(fd, Buffer.alloc(16, 0), 0, 16, 0)
    closeSync(fd)
    await expect(open(file)).rejects.toBeInstanceOf(DatabaseKeyError)
  })
})

describe('the start-up shell of a window (Electron and serve:web)', () => {
  it('asks, refuses everything else until answered, and checks the choice in main', async () => {
    const { file, backup } = await aBackedUpClinic()
    truncateSync(file, 4096)
    let core: PlinthCore | null = null
    const shell = await LinkShell.start({
      store: memoryDeskStore(),
      hasClinicHere: true,
      openHost: async (opening = {}) => {
        core = await openClinicForWindow({
          file,
          key: testKey,
          log: silentLogger,
          ...(opening.rescue ? { rescue: opening.rescue } : {}),
        })
        return hostSideOf(core)
      },
    })
    cleanups.push(() => (core as PlinthCore | null)?.close())
    expect(await shell.call('link.info', {})).toMatchObject({ ok: true, value: { mode: 'rescue' } })
    expect(await shell.call('link.rescueInfo', {})).toMatchObject({
      ok: true,
      value: { kind: 'damaged', backups: [{ name: backup }] },
    })
    // No sign-in, no writes, against a file that will not open.
    expect(await shell.call('auth.status', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    })
    // Starting anew needs the words typed, checked in main.
    expect(await shell.call('link.rescue', { kind: 'startNew', confirm: 'yes' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fieldErrors: [{ path: 'confirm' }] },
    })
    expect(
      await shell.call('link.rescue', { kind: 'restore', backup: 'plinth-not-there.sqlite' }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(await shell.call('link.rescue', { kind: 'restore', backup })).toMatchObject({
      ok: true,
      value: { mode: 'host' },
    })
    expect(await clientNames(core!)).toEqual(['Shah'])
  })
})
