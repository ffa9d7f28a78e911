import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { BackupInfo, BackupJob, BackupSettings } from '../../src/shared/contract/backups'
import type { RpcResult } from '../../src/shared/rpc'
import { openDatabase, UNENCRYPTED } from '../../src/main/db/cipher'
import { aSession, openTempCore } from '../fixtures/temp-core'
import { asOwner, finishedJob, renameClinic } from '../fixtures/owner-calls'

type TempCore = Awaited<ReturnType<typeof openTempCore>>
const cores: TempCore[] = []
afterEach(async () => {
  while (cores.length) await cores.pop()!.dispose()
})
const owner = aSession('owner')
const PASSPHRASE = 'correct horse battery staple'

async function aClinic(): Promise<TempCore> {
  const core = await openTempCore()
  cores.push(core)
  return core
}

const call = asOwner
const finished = finishedJob

const settings = {
  folder: '',
  keepRecent: 48,
  keepDaily: 14,
  keepWeekly: 8,
  keepMonthly: 12,
  encrypt: true,
}

describe('backup settings', () => {
  it('sends backups to the chosen folder, and refuses one it cannot write to', async () => {
    const core = await aClinic()
    const usb = join(core.dir, 'usb-stick', 'plinth')
    await call(core, 'backups.updateSettings', { ...settings, encrypt: false, folder: usb })
    await finished(core, await call<BackupJob>(core, 'backups.create', {}))
    expect(
      (await call<{ folder: string; backups: BackupInfo[] }>(core, 'backups.list', {})).folder,
    ).toBe(usb)
    expect(core.backups.list().backups).toHaveLength(1)

    writeFileSync(join(core.dir, 'a-file'), 'not a folder')
    const refused = await core.router.call(
      'backups.updateSettings',
      { ...settings, encrypt: false, folder: join(core.dir, 'a-file', 'backups') },
      owner,
    )
    expect(refused).toMatchObject({
      ok: false,
      error: { fieldErrors: [{ path: 'folder', message: expect.stringMatching(/cannot write/) }] },
    })
    const relative = await core.router.call(
      'backups.updateSettings',
      { ...settings, encrypt: false, folder: 'backups' },
      owner,
    )
    expect(relative).toMatchObject({ ok: false, error: { fieldErrors: [{ path: 'folder' }] } })
  })
})

describe('backups that guard an update or a restore', () => {
  it('fall back to the folder on this computer when the chosen one is gone', async () => {
    const core = await aClinic()
    const usb = join(core.dir, 'usb')
    await call(core, 'backups.updateSettings', { ...settings, encrypt: false, folder: usb })
    rmSync(usb, { recursive: true, force: true })
    writeFileSync(usb, 'the stick was pulled out and something else took its name')

    const manual = await finished(core, await call<BackupJob>(core, 'backups.create', {}))
    expect(manual).toMatchObject({
      state: 'failed',
      message: expect.stringMatching(/could not be made/),
    })
    const file = await core.backups.backupBeforeMigration()
    expect(file.startsWith(join(core.dir, 'backups'))).toBe(true)
    expect(core.backups.list().backups).toMatchObject([{ reason: 'pre-migration', verified: true }])
  })

  it('are kept on this computer, with the clinic key, when it has lost the passphrase', async () => {
    const core = await aClinic()
    await call(core, 'backups.updateSettings', { ...settings, passphrase: PASSPHRASE })
    rmSync(join(core.dir, 'backup-key.json'))
    const manual = await finished(core, await call<BackupJob>(core, 'backups.create', {}))
    expect(manual).toMatchObject({ state: 'failed', message: expect.stringMatching(/passphrase/) })
    expect(core.backups.health().lastBackup).toMatchObject({ ok: false })
    const file = await core.backups.backupBeforeMigration()
    expect(file).toMatch(/pre-migration\.sqlite$/)
    expect(core.backups.list().backups).toMatchObject([
      { reason: 'pre-migration', encrypted: true },
    ])
    expect(JSON.parse(readFileSync(`${file}.json`, 'utf8')).keying).toMatchObject({
      scheme: 'clinic',
    })
  })
})

describe('encrypted backups', () => {
  it('asks for a passphrase before it will encrypt, and audits the change', async () => {
    const core = await aClinic()
    const refused = await core.router.call('backups.updateSettings', settings, owner)
    expect(refused).toMatchObject({
      ok: false,
      error: { fieldErrors: [{ path: 'passphrase' }] },
    })
    const short = await core.router.call(
      'backups.updateSettings',
      { ...settings, passphrase: 'short' },
      owner,
    )
    expect(short).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    const saved = await call<BackupSettings>(core, 'backups.updateSettings', {
      ...settings,
      passphrase: PASSPHRASE,
    })
    expect(saved).toMatchObject({ encrypt: true, hasPassphrase: true })
    const audit = await core.db.selectFrom('audit_log').selectAll().execute()
    expect(audit.at(-1)).toMatchObject({
      action: 'backups.updateSettings',
      summary: 'Changed encryption, passphrase',
    })
    // The passphrase is nowhere in the database (which every backup copies).
    expect(
      JSON.stringify(await core.db.selectFrom('backup_settings').selectAll().execute()),
    ).not.toContain(PASSPHRASE)
  })

  it('is unreadable without the passphrase and restores with it on another computer', async () => {
    const core = await aClinic()
    await renameClinic(core, 'Secret Street Clinic')
    await call(core, 'backups.updateSettings', { ...settings, passphrase: PASSPHRASE })
    const job = await finished(core, await call<BackupJob>(core, 'backups.create', {}))
    expect(job.state).toBe('done')
    const { folder, backups } = await call<{ folder: string; backups: BackupInfo[] }>(
      core,
      'backups.list',
      {},
    )
    const backup = backups[0]!
    expect(backup).toMatchObject({ encrypted: true, verified: true })
    expect(backup.name).toMatch(/\.sqlite$/)
    const file = join(folder, backup.name)
    const bytes = readFileSync(file)
    expect(bytes.subarray(0, 16).toString('latin1')).not.toContain('SQLite format 3')
    expect(bytes.includes(Buffer.from('Secret Street Clinic'))).toBe(false)
    // Neither without a key nor with the clinic's own: the owner chose the passphrase instead.
    expect(() => openDatabase(file, UNENCRYPTED, { readonly: true })).toThrow(/no key was given/)
    expect(() => openDatabase(file, core.key, { readonly: true })).toThrow(
      /cannot be opened with this key/,
    )

    // Another computer: a fresh clinic with the USB stick's files in its backup folder.
    const other = await aClinic()
    const otherFolder = join(other.dir, 'backups')
    mkdirSync(otherFolder, { recursive: true })
    copyFileSync(file, join(otherFolder, backup.name))
    copyFileSync(`${file}.json`, join(otherFolder, `${backup.name}.json`))

    const noPassphrase = await other.router.call('backups.restore', { name: backup.name }, owner)
    expect(noPassphrase).toMatchObject({
      ok: false,
      error: { fieldErrors: [{ path: 'passphrase' }] },
    })
    const wrong = await finished(
      other,
      await call<BackupJob>(other, 'backups.restore', {
        name: backup.name,
        passphrase: 'incorrect horse battery staple',
      }),
    )
    expect(wrong).toMatchObject({ state: 'failed', message: expect.stringMatching(/passphrase/) })
    expect((await call<{ clinicName: string }>(other, 'settings.get', {})).clinicName).toBe(
      'My clinic',
    )

    const right = await finished(
      other,
      await call<BackupJob>(other, 'backups.restore', {
        name: backup.name,
        passphrase: PASSPHRASE,
      }),
    )
    expect(right.state).toBe('done')
    expect((await call<{ clinicName: string }>(other, 'settings.get', {})).clinicName).toBe(
      'Secret Street Clinic',
    )
  })

  it('restores its own encrypted backups on this computer without asking again', async () => {
    const core = await aClinic()
    await renameClinic(core, 'Before')
    await call(core, 'backups.updateSettings', { ...settings, passphrase: PASSPHRASE })
    await finished(core, await call<BackupJob>(core, 'backups.create', {}))
    await renameClinic(core, 'After')
    const [backup] = (await call<{ backups: BackupInfo[] }>(core, 'backups.list', {})).backups
    const result: RpcResult = await core.router.call(
      'backups.restore',
      { name: backup!.name },
      owner,
    )
    expect(result.ok).toBe(true)
    expect((await finished(core, (result as { value: BackupJob }).value)).state).toBe('done')
    expect((await call<{ clinicName: string }>(core, 'settings.get', {})).clinicName).toBe('Before')
  })

  it('refuses a backup whose header asks for a crafted scrypt cost, before doing the work', async () => {
    const core = await aClinic()
    await call(core, 'backups.updateSettings', { ...settings, passphrase: PASSPHRASE })
    await finished(core, await call<BackupJob>(core, 'backups.create', {}))
    const { folder, backups } = await call<{ folder: string; backups: BackupInfo[] }>(
      core,
      'backups.list',
      {},
    )
    // A passphrase backup's scrypt cost is in its manifest, read before any key can be checked.
    const manifestFile = join(folder, `${backups[0]!.name}.json`)
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
      keying: { kdf: object }
    }
    const crafted = (changes: object) =>
      writeFileSync(
        manifestFile,
        JSON.stringify({
          ...manifest,
          keying: { ...manifest.keying, kdf: { ...manifest.keying.kdf, ...changes } },
        }),
      )
    for (const changes of [
      { N: 2 ** 20 },
      { N: 3 * 2 ** 15 },
      { r: 1024 },
      { p: 64 },
      { salt: '' },
    ]) {
      crafted(changes)
      const result = await core.router.call(
        'backups.restore',
        { name: backups[0]!.name, passphrase: PASSPHRASE },
        owner,
      )
      expect(result, JSON.stringify(changes)).toMatchObject({
        ok: false,
        error: { code: 'rule_broken', message: expect.stringMatching(/header is damaged/) },
      })
    }
    // Put back as written, the same file restores: the check refuses only what is crafted.
    crafted({})
    const job = await call<BackupJob>(core, 'backups.restore', {
      name: backups[0]!.name,
      passphrase: PASSPHRASE,
    })
    expect((await finished(core, job)).state).toBe('done')
  })
})
