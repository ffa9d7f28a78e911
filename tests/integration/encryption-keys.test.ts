import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openCore } from '../../src/main/app-core'
import { headlessKey } from '../../src/main/cli/headless-key'
import { newDatabaseKey, openDatabase, type DatabaseKey } from '../../src/main/db/cipher'
import { readClinicKeys, recoveryKeyText, type KeySealer } from '../../src/main/db/clinic-keys'
import {
  clinicKeyFromKeystore,
  clinicKeyFromRecoveryKey,
  NeedsRecoveryKeyError,
} from '../../src/main/db/keystore-unlock'
import { silentLogger } from '../../src/main/log'
import { headerOf, PLAIN_HEADER } from '../fixtures/raw-bytes'
import { aStaffMember, TEST_PASSWORD } from '../fixtures/staff'
import { pdfTextOf } from '../fixtures/pdf-text'
import { openTempCore, tempDir } from '../fixtures/temp-core'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})
function aFolder(): string {
  const tmp = tempDir()
  cleanups.push(tmp.remove)
  return tmp.dir
}

/** A keystore that seals by XOR with its own secret; `lost()` is the same OS reinstalled. */
function aKeystore(available = true): KeySealer & { lost(): void } {
  let secret = Buffer.from('this keystore')
  const xor = (b: Buffer) => Buffer.from(b.map((x, i) => x ^ secret[i % secret.length]!))
  return {
    available: () => available,
    seal: (plain) => Buffer.concat([Buffer.from('KS'), xor(plain)]),
    unseal: (sealed) => {
      if (!sealed.subarray(0, 2).equals(Buffer.from('KS'))) throw new Error('not sealed here')
      return xor(sealed.subarray(2))
    },
    lost: () => (secret = Buffer.from('another keystore')),
  }
}

describe('the desktop app’s key, in the OS keystore', () => {
  it('makes a random key for a new clinic, seals it, and gets the same one back', async () => {
    const file = join(aFolder(), 'plinth.sqlite')
    const keystore = aKeystore()
    const key = clinicKeyFromKeystore(file, keystore, new Date())
    expect(readClinicKeys(file)).toMatchObject({ keystore: expect.any(String) })
    expect(existsSync(`${file}.key`)).toBe(false)
    expect(clinicKeyFromKeystore(file, keystore, new Date()).equals(key)).toBe(true)
    expect(statSync(`${file}.keys.json`).mode & 0o777).toBe(0o600)
  })

  it('asks for the recovery key when the keystore cannot unseal it, then seals it again', async () => {
    const file = join(aFolder(), 'plinth.sqlite')
    const keystore = aKeystore()
    const key = clinicKeyFromKeystore(file, keystore, new Date())
    const core = await openCore({ file, key, log: silentLogger })
    await core.close()
    keystore.lost()
    expect(() => clinicKeyFromKeystore(file, keystore, new Date())).toThrow(NeedsRecoveryKeyError)
    const printed = recoveryKeyText(readClinicKeys(file)!, key)!
    expect(() => clinicKeyFromRecoveryKey(file, 'ABCD-EFGH', keystore)).toThrow(/does not open/)
    expect(clinicKeyFromRecoveryKey(file, printed, keystore).equals(key)).toBe(true)
    expect(clinicKeyFromKeystore(file, keystore, new Date()).equals(key)).toBe(true)
  })

  it('keeps the key in a file readable by this account only when there is no keystore', () => {
    const file = join(aFolder(), 'plinth.sqlite')
    const key = clinicKeyFromKeystore(file, aKeystore(false), new Date())
    expect(readFileSync(`${file}.key`, 'utf8').trim()).toBe(key.toString('hex'))
    expect(statSync(`${file}.key`).mode & 0o777).toBe(0o600)
    expect(readClinicKeys(file)!.keystore).toBeUndefined()
    expect(clinicKeyFromKeystore(file, aKeystore(false), new Date()).equals(key)).toBe(true)
  })
})

describe('headless commands’ key', () => {
  const quiet = { say: () => {} }

  it('takes PLINTH_DB_KEY or --key-file, and refuses one that is not 64 hex digits', () => {
    const dir = aFolder()
    const file = join(dir, 'clinic.sqlite')
    const key = newDatabaseKey()
    const env = { PLINTH_DB_KEY: key.toString('hex') }
    expect(headlessKey(file, { ...quiet, env }).equals(key)).toBe(true)
    expect(() => headlessKey(file, { ...quiet, env: { PLINTH_DB_KEY: 'abc' } })).toThrow(
      /PLINTH_DB_KEY is not 64 hex digits/,
    )
    writeFileSync(join(dir, 'k'), `${key.toString('hex')}\n`)
    expect(headlessKey(file, { ...quiet, env: {}, keyFile: join(dir, 'k') }).equals(key)).toBe(true)
    expect(() => headlessKey(file, { ...quiet, env: {}, keyFile: join(dir, 'nope') })).toThrow(
      /nope does not exist/,
    )
    expect(existsSync(`${file}.key`)).toBe(false)
  })

  it('makes a key file (0600) beside a new clinic file and says so, then uses it', async () => {
    const file = join(aFolder(), 'clinic.sqlite')
    const said: string[] = []
    const key = headlessKey(file, { env: {}, say: (line) => said.push(line) })
    expect(said.join()).toContain(`${file}.key`)
    expect(statSync(`${file}.key`).mode & 0o777).toBe(0o600)
    const core = await openCore({ file, key, log: silentLogger })
    await core.close()
    expect(headlessKey(file, { env: {}, say: () => said.push('again') }).equals(key)).toBe(true)
    expect(said).not.toContain('again')
  })

  it('refuses an encrypted clinic file given no key, saying how to give one', async () => {
    const dir = aFolder()
    const file = join(dir, 'clinic.sqlite')
    await (await openCore({ file, key: newDatabaseKey(), log: silentLogger })).close()
    expect(() => headlessKey(file, { ...quiet, env: {} })).toThrow(
      /is encrypted and no key was given[\s\S]*PLINTH_DB_KEY[\s\S]*--key-file/,
    )
  })

  it('`npm run seed` takes the key from PLINTH_DB_KEY and refuses a wrong one plainly', () => {
    const file = join(aFolder(), 'clinic.sqlite')
    const key = newDatabaseKey()
    const seed = (k: DatabaseKey) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/main/cli/seed.ts', '--db', file], {
        env: { ...process.env, PLINTH_DB_KEY: k.toString('hex') },
        encoding: 'utf8',
      })
    const first = seed(key)
    expect(first.status, first.stderr).toBe(0)
    expect(headerOf(file)).not.toBe(PLAIN_HEADER)
    expect(existsSync(`${file}.key`)).toBe(false)
    const db = openDatabase(file, key, { readonly: true })
    expect(
      (db.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n,
    ).toBeGreaterThan(100)
    db.close()
    const wrong = seed(newDatabaseKey())
    expect(wrong.status).toBe(1)
    expect(wrong.stderr.trim()).toMatch(/^This clinic file cannot be opened with this key/)
  }, 120_000)
})

describe('printing the recovery key again', () => {
  it('needs the owner’s password, is audited without the key, and prints the key on the sheet', async () => {
    const core = await openTempCore()
    cleanups.push(() => core.dispose())
    const owner = await aStaffMember(core.db, 'owner')
    const reception = await aStaffMember(core.db, 'reception')
    const printed = recoveryKeyText(readClinicKeys(core.file)!, core.key as DatabaseKey)!

    expect(
      await core.router.call('encryption.recoveryKey', { password: TEST_PASSWORD }, reception),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(
      await core.router.call('encryption.recoveryKey', { password: 'not my password' }, owner),
    ).toMatchObject({
      ok: true,
      value: { status: 'failed', message: 'That password is not right.' },
    })
    const attempts = await core.db
      .selectFrom('users')
      .select('failed_attempts')
      .where('id', '=', owner.userId)
      .executeTakeFirstOrThrow()
    expect(attempts.failed_attempts).toBe(1)

    const shown = await core.router.call(
      'encryption.recoveryKey',
      { password: TEST_PASSWORD },
      owner,
    )
    expect(shown).toMatchObject({ ok: true, value: { status: 'shown', recoveryKey: printed } })
    const value = (shown as { value: { base64: string } }).value
    const text = pdfTextOf(Buffer.from(value.base64, 'base64'), join(core.dir, 'pdf'), 'sheet')
    for (const group of printed.split('-')) expect(text).toContain(group)
    expect(text).toContain('Recovery key')

    const audit = await core.db.selectFrom('audit_log').selectAll().execute()
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['encryption.recoveryKeyRefused', 'encryption.recoveryKey']),
    )
    expect(JSON.stringify(audit)).not.toContain(printed)
    expect(JSON.stringify(audit)).not.toContain(printed.replaceAll('-', ''))
  })

  it('reminds the owner until the shown key is confirmed as printed, and again after a new showing', async () => {
    // A user trial reloaded before ticking "I have printed it" and was never asked again.
    const core = await openTempCore()
    cleanups.push(() => core.dispose())
    const owner = await aStaffMember(core.db, 'owner')
    const state = async () => {
      const r = await core.router.call('encryption.recoveryKeyStatus', {}, owner)
      if (!r.ok) throw new Error(r.error.message)
      return (r.value as { unconfirmed: boolean }).unconfirmed
    }
    expect(await state()).toBe(false)
    await core.router.call('encryption.recoveryKey', { password: TEST_PASSWORD }, owner)
    expect(await state()).toBe(true)
    expect(await core.router.call('encryption.recoveryKeyKept', {}, owner)).toMatchObject({
      ok: true,
      value: { unconfirmed: false },
    })
    expect(await state()).toBe(false)
    await core.router.call('encryption.recoveryKey', { password: TEST_PASSWORD }, owner)
    expect(await state()).toBe(true)
    const actions = await core.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', 'like', 'encryption.%')
      .execute()
    expect(actions).toEqual([
      { action: 'encryption.recoveryKey', entity_id: 'recovery-key' },
      { action: 'encryption.recoveryKeyKept', entity_id: 'recovery-key' },
      { action: 'encryption.recoveryKey', entity_id: 'recovery-key' },
    ])
  })
})
