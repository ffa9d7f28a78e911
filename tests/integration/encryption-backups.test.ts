import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { PlinthCore } from '../../src/main/app-core'
import { openDatabase, UNENCRYPTED, type Keying } from '../../src/main/db/cipher'
import { readClinicKeys, recoveryKeyText } from '../../src/main/db/clinic-keys'
import { deriveKey, encryptFile, newKdfParams } from '../../src/main/services/backups/encryption'
import { writeManifest, type BackupManifest } from '../../src/main/services/backups/manifest'
import type { BackupInfo, BackupJob } from '../../src/shared/contract/backups'
import { sha256Of } from '../../src/main/services/backups/file-hash'
import { headerOf, PLAIN_HEADER } from '../fixtures/raw-bytes'
import { aSession, openTempCore } from '../fixtures/temp-core'
import { asOwner, finishedJob, renameClinic } from '../fixtures/owner-calls'

// Issue 12: backups are encrypted by default with the clinic's key scheme. A backup on a USB
// stick opens with the clinic key (on this computer) or the printed recovery key (anywhere),
// and restoring it leaves the live file encrypted with the live clinic's own key.

type TempCore = Awaited<ReturnType<typeof openTempCore>>
const cores: TempCore[] = []
afterEach(async () => {
  while (cores.length) await cores.pop()!.dispose()
})
const owner = aSession('owner')

async function aClinic(key?: Keying): Promise<TempCore> {
  const core = await openTempCore(key ? { key } : {})
  cores.push(core)
  return core
}

const call = asOwner
const finished = finishedJob
const rename = renameClinic

/** Copies a backup and its manifest into another clinic's backup folder (the USB stick). */
function carry(from: PlinthCore, backup: BackupInfo, to: PlinthCore): void {
  const source = join(from.backups.folder(), backup.name)
  const folder = to.backups.folder()
  mkdirSync(folder, { recursive: true })
  copyFileSync(source, join(folder, backup.name))
  copyFileSync(`${source}.json`, join(folder, `${backup.name}.json`))
}

const clinicName = async (core: PlinthCore) =>
  (await call<{ clinicName: string }>(core, 'settings.get', {})).clinicName

describe('backups encrypted with the clinic key', () => {
  it('restore on another computer with the recovery key, and the live file keeps that computer’s key', async () => {
    const home = await aClinic()
    await rename(home, 'Harbour Sports Massage')
    await finished(home, await call<BackupJob>(home, 'backups.create', {}))
    const [backup] = home.backups.list().backups
    expect(backup).toMatchObject({ encrypted: true, needsSecret: false })
    const file = join(home.backups.folder(), backup!.name)
    expect(headerOf(file)).not.toBe(PLAIN_HEADER)
    expect(readFileSync(file).includes(Buffer.from('Harbour Sports Massage'))).toBe(false)
    const printed = recoveryKeyText(readClinicKeys(home.file)!, home.key as never)!

    // The laptop is gone; a new computer was set up as a new clinic (its own key).
    const laptop = await aClinic()
    carry(home, backup!, laptop)
    expect(laptop.backups.list().backups).toMatchObject([{ name: backup!.name, needsSecret: true }])
    expect(
      await laptop.router.call('backups.restore', { name: backup!.name }, owner),
    ).toMatchObject({
      ok: false,
      error: {
        fieldErrors: [{ path: 'passphrase', message: expect.stringMatching(/recovery key/) }],
      },
    })
    const otherPrinted = recoveryKeyText(readClinicKeys(laptop.file)!, laptop.key as never)!
    expect(
      await laptop.router.call(
        'backups.restore',
        { name: backup!.name, passphrase: otherPrinted },
        owner,
      ),
    ).toMatchObject({
      ok: false,
      error: {
        fieldErrors: [{ path: 'passphrase', message: expect.stringMatching(/does not open/) }],
      },
    })
    expect(await clinicName(laptop)).toBe('My clinic')

    const job = await call<BackupJob>(laptop, 'backups.restore', {
      name: backup!.name,
      passphrase: printed.toLowerCase(),
    })
    expect(await finished(laptop, job)).toMatchObject({ state: 'done' })
    expect(await clinicName(laptop)).toBe('Harbour Sports Massage')
    // The restored records now live under the laptop's key, never the old one.
    laptop.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    expect(headerOf(laptop.file)).not.toBe(PLAIN_HEADER)
    expect(() => openDatabase(laptop.file, home.key, { readonly: true })).toThrow(
      /cannot be opened with this key/,
    )
    openDatabase(laptop.file, laptop.key, { readonly: true }).close()
  })

  it('restores a backup made before encryption at rest (plain, or sealed with a passphrase) into an encrypted clinic', async () => {
    // An older Plinth's backups: one plain, one AES-GCM-sealed (`.sqlite.enc`).
    const old = await aClinic(UNENCRYPTED)
    await rename(old, 'Old Town Clinic')
    await finished(old, await call<BackupJob>(old, 'backups.create', {}))
    const [plain] = old.backups.list().backups
    expect(plain).toMatchObject({ encrypted: false })
    const plainFile = join(old.backups.folder(), plain!.name)
    expect(headerOf(plainFile)).toBe(PLAIN_HEADER)
    const passphrase = 'kettle harbour violet'
    const kdf = newKdfParams()
    const sealedName = plain!.name.replace('.sqlite', '-2.sqlite.enc')
    const sealedFile = join(old.backups.folder(), sealedName)
    await encryptFile(plainFile, sealedFile, await deriveKey(passphrase, kdf), kdf)
    const manifest = JSON.parse(readFileSync(`${plainFile}.json`, 'utf8')) as BackupManifest
    writeManifest(sealedFile, {
      ...manifest,
      name: sealedName,
      encrypted: true,
      bytes: statSync(sealedFile).size,
      sha256: await sha256Of(sealedFile),
    })

    const clinic = await aClinic()
    for (const backup of old.backups.list().backups) carry(old, backup, clinic)
    const sealed = clinic.backups.list().backups.find((b) => b.name === sealedName)!
    expect(sealed).toMatchObject({ encrypted: true, needsSecret: true })
    const job = await call<BackupJob>(clinic, 'backups.restore', {
      name: sealedName,
      passphrase,
    })
    expect(await finished(clinic, job)).toMatchObject({ state: 'done' })
    expect(await clinicName(clinic)).toBe('Old Town Clinic')

    await rename(clinic, 'Changed since')
    const again = await call<BackupJob>(clinic, 'backups.restore', { name: plain!.name })
    expect(await finished(clinic, again)).toMatchObject({ state: 'done' })
    expect(await clinicName(clinic)).toBe('Old Town Clinic')
    clinic.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    expect(headerOf(clinic.file)).not.toBe(PLAIN_HEADER)
    expect(readFileSync(clinic.file).includes(Buffer.from('Old Town Clinic'))).toBe(false)
  })
})
