import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

// The Electron binary cannot run here, so this drives src/main/index.ts against a recording
// stand-in for the electron module: it checks the security settings and the IPC gate the
// glue applies, with the real router and a real SQLite file behind it.
const userData = mkdtempSync(join(tmpdir(), 'plinth-electron-'))
const recorded = vi.hoisted(() => ({
  windows: [] as { options: Record<string, unknown>; webContents: object }[],
  appHandlers: new Map<string, (...args: unknown[]) => void>(),
  ipc: new Map<string, (...args: unknown[]) => unknown>(),
  permissionRequest: null as null | ((...args: unknown[]) => void),
  permissionCheck: null as null | ((...args: unknown[]) => boolean),
  menu: null as unknown,
  quits: 0,
  switches: [] as [string, string | undefined][],
  schemes: [] as unknown[],
  protocols: new Map<string, (request: { url: string }) => Promise<Response>>(),
  loaded: [] as string[],
}))

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { id: 1 }
    constructor(options: Record<string, unknown>) {
      recorded.windows.push({ options, webContents: this.webContents })
    }
    once() {}
    on() {}
    loadFile(file: string) {
      recorded.loaded.push(`file:${file}`)
      return Promise.resolve()
    }
    loadURL(url: string) {
      recorded.loaded.push(url)
      return Promise.resolve()
    }
    static getAllWindows() {
      return recorded.windows
    }
  }
  return {
    app: {
      // As installed: the production menu and renderer URL rules apply.
      isPackaged: true,
      requestSingleInstanceLock: () => true,
      commandLine: {
        appendSwitch: (name: string, value?: string) => recorded.switches.push([name, value]),
      },
      on: (name: string, fn: (...args: unknown[]) => void) => recorded.appHandlers.set(name, fn),
      whenReady: () => Promise.resolve(),
      getPath: () => userData,
      quit: () => {
        recorded.quits++
      },
    },
    BrowserWindow,
    dialog: { showErrorBox: () => {} },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.schemes.push(...schemes),
      handle: (scheme: string, fn: (request: { url: string }) => Promise<Response>) =>
        recorded.protocols.set(scheme, fn),
    },
    // A stand-in keystore: reversible. It seals the clinic key (issue 12) and a desk's pairing.
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (s: string) => Buffer.from(s).reverse(),
      decryptString: (b: Buffer) => Buffer.from(b).reverse().toString(),
    },
    ipcMain: {
      handle: (channel: string, fn: (...args: unknown[]) => unknown) =>
        recorded.ipc.set(channel, fn),
    },
    Menu: {
      buildFromTemplate: (t: unknown) => t,
      setApplicationMenu: (m: unknown) => (recorded.menu = m),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: (...args: unknown[]) => void) =>
          (recorded.permissionRequest = fn),
        setPermissionCheckHandler: (fn: (...args: unknown[]) => boolean) =>
          (recorded.permissionCheck = fn),
      },
    },
  }
})

// Importing the whole main process takes several seconds on a busy 2-core machine.
beforeAll(async () => {
  await import('../../src/main/index')
  await vi.waitFor(() => expect(recorded.windows).toHaveLength(1), { timeout: 10_000 })
}, 30_000)
afterAll(() => {
  rmSync(userData, { recursive: true, force: true })
})

const rendererUrl = 'app://plinth/index.html'

describe('Electron glue', () => {
  it('opens the window with isolation, sandbox and no Node in the renderer', () => {
    const prefs = recorded.windows[0]!.options['webPreferences'] as Record<string, unknown>
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    })
    expect(String(prefs['preload'])).toMatch(/preload[/\\]index\.cjs$/)
  })

  it('asks at first start whether to host or join, and creates the clinic file when told to host', async () => {
    const handler = recorded.ipc.get('plinth:invoke')!
    const own = {
      sender: recorded.windows[0]!.webContents,
      senderFrame: { url: `${rendererUrl}#/` },
    }
    expect(existsSync(join(userData, 'plinth.sqlite'))).toBe(false)
    expect(await handler(own, 'link.info', {})).toMatchObject({
      ok: true,
      value: { mode: 'choosing' },
    })
    expect(await handler(own, 'auth.status', {})).toMatchObject({ ok: false })
    expect(await handler(own, 'link.probe', { address: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fieldErrors: [{ path: 'address' }] },
    })
    expect(await handler(own, 'link.hostHere', {})).toMatchObject({
      ok: true,
      value: { mode: 'host' },
    })
    expect(existsSync(join(userData, 'plinth.sqlite'))).toBe(true)
    // Encrypted at rest (issue 12): the key is random, sealed by the keystore, kept beside.
    expect(readFileSync(join(userData, 'plinth.sqlite')).subarray(0, 15).toString()).not.toBe(
      'SQLite format 3',
    )
    const keys = JSON.parse(readFileSync(join(userData, 'plinth.sqlite.keys.json'), 'utf8'))
    expect(keys).toMatchObject({ cipher: 'chacha20', keystore: expect.any(String) })
    expect(existsSync(join(userData, 'plinth.sqlite.key'))).toBe(false)
    // Migrated, not just created: answering "first run" reads the staff table and the
    // security settings, which only the migrations make; nobody is signed in yet.
    expect(await handler(own, 'auth.status', {})).toMatchObject({
      ok: true,
      value: { firstRun: true, user: null, locked: false, idleLockMinutes: expect.any(Number) },
    })
    expect(await handler(own, 'settings.get', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    })
  })

  it('denies every permission, new windows and navigation away from the app', () => {
    const callback = vi.fn()
    recorded.permissionRequest!({}, 'media', callback)
    expect(callback).toHaveBeenCalledWith(false)
    expect(recorded.permissionCheck!({}, 'notifications')).toBe(false)

    const listeners = new Map<string, (event: { preventDefault(): void }, url: string) => void>()
    let openHandler: (() => unknown) | null = null
    recorded.appHandlers.get('web-contents-created')!(
      {},
      {
        on: (name: string, fn: (event: { preventDefault(): void }, url: string) => void) =>
          listeners.set(name, fn),
        setWindowOpenHandler: (fn: () => unknown) => (openHandler = fn),
      },
    )
    expect(openHandler!()).toEqual({ action: 'deny' })
    const away = { preventDefault: vi.fn() }
    listeners.get('will-navigate')!(away, 'https://example.com/phish')
    expect(away.preventDefault).toHaveBeenCalled()
    const webview = { preventDefault: vi.fn() }
    listeners.get('will-attach-webview')!(webview, '')
    expect(webview.preventDefault).toHaveBeenCalled()
  })

  it('answers IPC from our own window through the router, and refuses any other sender', async () => {
    const handler = recorded.ipc.get('plinth:invoke')!
    const own = {
      sender: recorded.windows[0]!.webContents,
      senderFrame: { url: `${rendererUrl}#/diary` },
    }
    expect(await handler(own, 'auth.status', {})).toMatchObject({
      ok: true,
      value: { firstRun: true },
    })
    expect(await handler(own, 'settings.get', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    })
    const stranger = { sender: { id: 2 }, senderFrame: { url: `${rendererUrl}` } }
    expect(await handler(stranger, 'auth.status', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    const framed = {
      sender: recorded.windows[0]!.webContents,
      senderFrame: { url: 'file:///tmp/evil.html' },
    }
    expect(await handler(framed, 'auth.status', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
  })

  it('loads the page from app://plinth, which serves the renderer folder and nothing outside it', async () => {
    expect(recorded.loaded).toEqual(['app://plinth/index.html'])
    expect(recorded.schemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ])
    const serve = recorded.protocols.get('app')!
    const page = await serve({ url: 'app://plinth/index.html' })
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(await page.text()).toContain('<div id="root">')
    for (const escape of [
      'app://plinth/..%2f..%2fpackage.json',
      'app://plinth/%2e%2e/%2e%2e/package.json',
      'app://plinth/..%5c..%5cpackage.json',
    ]) {
      const refused = await serve({ url: escape })
      expect(refused.status, escape).toBeGreaterThanOrEqual(400)
    }
    expect((await serve({ url: 'app://plinth/no-such-file.js' })).status).toBe(404)
    // The old way in is closed: a file:// page is not our page any more.
    const handler = recorded.ipc.get('plinth:invoke')!
    const fileFrame = {
      sender: recorded.windows[0]!.webContents,
      senderFrame: { url: pathToFileURL(join(process.cwd(), 'src/renderer/index.html')).href },
    }
    expect(await handler(fileFrame, 'auth.status', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
  })

  it('runs Chromium in British English, so date inputs read dd/mm/yyyy', () => {
    expect(recorded.switches).toContainEqual(['lang', 'en-GB'])
  })

  it('installs an application menu with no DevTools or reload once installed', () => {
    expect(recorded.menu).toEqual(
      expect.arrayContaining([
        { role: 'fileMenu' },
        { role: 'editMenu' },
        expect.objectContaining({ label: 'View' }),
        { role: 'windowMenu' },
      ]),
    )
    const roles = JSON.stringify(recorded.menu).toLowerCase()
    for (const risky of ['viewmenu', 'toggledevtools', 'reload', 'forcereload']) {
      expect(roles).not.toContain(`"${risky}"`)
    }
  })

  it('holds the quit until a closing backup is written and the database closed', async () => {
    const held = { preventDefault: vi.fn() }
    recorded.appHandlers.get('will-quit')!(held)
    expect(held.preventDefault).toHaveBeenCalled()
    await vi.waitFor(() => expect(recorded.quits).toBe(1), { timeout: 10_000 })
    const backups = readdirSync(join(userData, 'backups'))
    expect(backups.some((name) => name.endsWith('.sqlite') || name.endsWith('.enc'))).toBe(true)
  })
})
