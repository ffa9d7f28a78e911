import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { openCore } from '../../src/main/app-core'
import { newDatabaseKey } from '../../src/main/db/cipher'
import {
  readClinicKeys,
  recoveryKeyText,
  sealInKeystore,
  writeClinicKeys,
  type KeySealer,
} from '../../src/main/db/clinic-keys'
import { silentLogger } from '../../src/main/log'

// Issue 12, in the Electron glue: a clinic whose keystore can no longer unseal its key (the
// system was reinstalled) starts in "Enter recovery key", opens with the printed key, and
// seals the key in this keystore again. Electron cannot run here, so src/main/index.ts is
// driven against a stand-in electron module, as in electron-glue.test.ts.
const userData = mkdtempSync(join(tmpdir(), 'plinth-electron-recovery-'))
const file = join(userData, 'plinth.sqlite')
const recorded = vi.hoisted(() => ({
  windows: [] as { webContents: object }[],
  ipc: new Map<string, (...args: unknown[]) => unknown>(),
}))

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { id: 1 }
    constructor() {
      recorded.windows.push({ webContents: this.webContents })
    }
    once() {}
    on() {}
    loadURL() {
      return Promise.resolve()
    }
    static getAllWindows() {
      return recorded.windows
    }
  }
  return {
    app: {
      isPackaged: true,
      requestSingleInstanceLock: () => true,
      commandLine: { appendSwitch: () => {} },
      on: () => {},
      whenReady: () => Promise.resolve(),
      getPath: () => userData,
      quit: () => {},
    },
    BrowserWindow,
    dialog: { showErrorBox: () => {} },
    protocol: { registerSchemesAsPrivileged: () => {}, handle: () => {} },
    // This computer's keystore: it seals with the prefix "here:", and cannot open what
    // another installation sealed.
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (s: string) => Buffer.from(`here:${s}`),
      decryptString: (b: Buffer) => {
        const text = b.toString()
        if (!text.startsWith('here:')) throw new Error('Error while decrypting the ciphertext')
        return text.slice(5)
      },
    },
    ipcMain: {
      handle: (channel: string, fn: (...args: unknown[]) => unknown) =>
        recorded.ipc.set(channel, fn),
    },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => {} },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => {},
        setPermissionCheckHandler: () => {},
      },
    },
  }
})

/** The keystore of the installation that made the clinic, gone since the reinstall. */
const before: KeySealer = {
  available: () => true,
  seal: (plain) => Buffer.from(`before:${plain.toString('base64')}`),
  unseal: () => {
    throw new Error('gone')
  },
}
const key = newDatabaseKey()
let recoveryKey = ''

beforeAll(async () => {
  const core = await openCore({ file, key, log: silentLogger })
  await core.close()
  const keys = readClinicKeys(file)!
  writeClinicKeys(file, sealInKeystore(keys, key, before))
  recoveryKey = recoveryKeyText(keys, key)!
  await import('../../src/main/index')
  await vi.waitFor(() => expect(recorded.windows).toHaveLength(1), { timeout: 10_000 })
}, 30_000)
afterAll(() => {
  rmSync(userData, { recursive: true, force: true })
})

const rendererUrl = 'app://plinth/index.html#/'
const call = (method: string, input: unknown) =>
  recorded.ipc.get('plinth:invoke')!(
    { sender: recorded.windows[0]!.webContents, senderFrame: { url: rendererUrl } },
    method,
    input,
  )

describe('a clinic whose keystore has lost its key', () => {
  it('asks for the recovery key, refuses a wrong one beside the field, and opens with the right one', async () => {
    expect(await call('link.info', {})).toMatchObject({ ok: true, value: { mode: 'recovery' } })
    expect(await call('auth.status', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated', message: expect.stringMatching(/recovery key/) },
    })
    // A key that reads (32 characters) but is not this clinic's.
    const wrong = recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))
    expect(await call('link.recover', { recoveryKey: wrong })).toMatchObject({
      ok: false,
      error: {
        fieldErrors: [{ path: 'recoveryKey', message: expect.stringMatching(/does not open/) }],
      },
    })
    expect(await call('link.recover', { recoveryKey: 'not a key' })).toMatchObject({
      ok: false,
      error: { fieldErrors: [{ path: 'recoveryKey' }] },
    })
    // Typed as from paper: lower case, spaces for dashes.
    const typed = recoveryKey.toLowerCase().replaceAll('-', ' ')
    expect(await call('link.recover', { recoveryKey: typed })).toMatchObject({
      ok: true,
      value: { mode: 'host' },
    })
    expect(await call('auth.status', {})).toMatchObject({ ok: true, value: { firstRun: true } })
    // Sealed in this keystore again: the next start needs no recovery key.
    const keys = JSON.parse(readFileSync(`${file}.keys.json`, 'utf8')) as { keystore: string }
    expect(Buffer.from(keys.keystore, 'base64').toString()).toMatch(/^here:/)
  })
})
