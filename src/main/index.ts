// Electron glue only: windows, IPC and OS integration. Rules live in services/.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session } from 'electron'
import { IPC_INVOKE_CHANNEL, IPC_PUSH_CHANNEL } from '../shared/ipc'
import type { PlinthCore } from './app-core'
import { publishHost } from './link/discovery'
import { fileDeskStore } from './link/desk-store'
import { LinkShell, type HostOpening, type HostSide } from './link/link-shell'
import { openClinicForWindow } from './link/host-side'
import { clinicWasHere } from './services/rescue/clinic-rescue'
import { getClinicSettings } from './services/settings'
import { consoleLogger } from './log'
import type { StaffConnection } from './rpc/staff-connection'
import { startBackupSchedule, type BackupSchedule } from './services/backups/schedule'
import { chooseRendererUrl, isTrustedRendererUrl } from './security/trusted-sender'
import { APP_SCHEME, resolveAppRequest } from './security/app-protocol'
import { contentSecurityPolicy } from '../shared/csp'
import type { KeySealer } from './db/clinic-keys'
import { clinicKeyFromKeystore, clinicKeyFromRecoveryKey } from './db/keystore-unlock'

// The page comes from app://plinth (the built renderer folder only); electron-vite's dev
// server only in an unpackaged app (security/trusted-sender.ts).
const rendererDir = join(import.meta.dirname, '../renderer')
const { url: rendererUrl } = chooseRendererUrl(app.isPackaged, process.env['ELECTRON_RENDERER_URL'])

// Before ready: app:// behaves as an https-like origin of its own (fetch, storage, CSP).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
])

/** Serves app://plinth/… from the renderer folder; anything else (a `..`) is refused. */
function serveAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const found = resolveAppRequest(request.url, rendererDir)
    if (found.kind === 'refused') return new Response(null, { status: found.status })
    try {
      return new Response(await readFile(found.path), {
        headers: {
          'content-type': found.contentType,
          'content-security-policy': contentSecurityPolicy({ dev: false, header: true }),
          'x-content-type-options': 'nosniff',
        },
      })
    } catch {
      return new Response(null, { status: 404 })
    }
  })
}

let core: PlinthCore | null = null
// What the window talks to: the clinic here (host), a link to a host (desk), or, at first
// start, neither yet (issue 15).
let shell: LinkShell | null = null
let stopPush: () => void = () => {}
let backupSchedule: BackupSchedule | null = null
let mainWindow: BrowserWindow | null = null
// The window's sign-in state; a new one per window, so a reload keeps the session.
let windowConnection: StaffConnection | null = null

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Plinth',
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(rendererUrl)
  return win
}

function hardenWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedRendererUrl(url, rendererUrl)) event.preventDefault()
    })
    contents.on('will-redirect', (event, url) => {
      if (!isTrustedRendererUrl(url, rendererUrl)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  )
  session.defaultSession.setPermissionCheckHandler(() => false)
}

function registerIpc(): void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, method: unknown, input: unknown) => {
    const frameUrl = event.senderFrame?.url ?? ''
    if (event.sender !== mainWindow?.webContents || !isTrustedRendererUrl(frameUrl, rendererUrl)) {
      consoleLogger.error('refused IPC from an untrusted frame', { frameUrl })
      return { ok: false, error: { code: 'forbidden', message: 'Refused.' } }
    }
    const name = String(method)
    return shell!.call(name, input).then((result) => {
      // Hosting or joining changes where this window's events come from.
      if (name === 'link.pair' || name === 'link.hostHere' || name === 'link.leave') relayPush()
      return result
    })
  })
}

function relayPush(): void {
  stopPush()
  stopPush = shell!.push((message) => mainWindow?.webContents.send(IPC_PUSH_CHANNEL, message))
}

/**
 * Opens (or creates) the clinic file here: this computer hosts the clinic. Its key comes out
 * of the OS keystore, or, when the keystore has lost it, from the owner's recovery key. A
 * missing or damaged file throws ClinicFileProblemError: the window asks what to do, and
 * comes back with `opening.rescue`.
 */
async function openHost(file: string, opening: HostOpening = {}): Promise<HostSide> {
  const key = opening.recoveryKey
    ? clinicKeyFromRecoveryKey(file, opening.recoveryKey, clinicKeySealer)
    : clinicKeyFromKeystore(file, clinicKeySealer, new Date())
  const opened = await openClinicForWindow({
    file,
    key,
    ...(opening.rescue ? { rescue: opening.rescue } : {}),
  })
  core = opened
  // Integrity checks and daily / every-30-minutes backups, off the main thread; they start
  // a few seconds in, so the first screen's reads do not wait behind them (issue 19).
  backupSchedule = startBackupSchedule(opened.backups, {
    log: consoleLogger,
    startDelayMs: 5_000,
  })
  shareIfAsked(opened)
  return {
    connection: {
      call: (method, input) => (windowConnection ??= opened.connect()).call(method, input),
    },
    // Changes made at other desks; this window updates itself after its own calls.
    push: (send) =>
      opened.changes.subscribe((event, origin) => {
        if (origin !== windowConnection) send({ type: 'change', event })
      }),
    clinicName: async () => (await getClinicSettings(opened.db)).clinicName,
  }
}

/** safeStorage (the OS keystore) seals a desk's pairing; without it, no pairing is kept. */
const keystore = {
  encrypt: (plain: string) => {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new Error('This computer has no secure store for the pairing.')
    }
    return safeStorage.encryptString(plain)
  },
  decrypt: (sealed: Buffer) => safeStorage.decryptString(sealed),
}

/**
 * The clinic file's data key, sealed by the OS keystore (issue 12). On Linux with no keyring
 * Electron falls back to a fixed password ('basic_text'), which seals nothing: treated as no
 * keystore, so the key goes in a key file beside the database instead (keystore-unlock.ts).
 */
const clinicKeySealer: KeySealer = {
  available: () =>
    safeStorage.isEncryptionAvailable() &&
    !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'),
  seal: (plain) => safeStorage.encryptString(plain.toString('base64')),
  unseal: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
}

// Issue 15: if the owner shared this clinic, listen (and announce by mDNS) again at start.
function shareIfAsked(host: PlinthCore): void {
  let unpublish: (() => Promise<void>) | null = null
  host.deskHost.onListening = (listening) => {
    void unpublish?.()
    unpublish = listening ? publishHost(listening.port, listening.clinicName) : null
  }
  host.deskHost.apply()
}

function buildMenu(): void {
  const template: Electron.MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    // The stock View menu carries DevTools and Reload: DevTools would open the renderer's
    // memory (health records) to anyone at the desk, and a reload drops unsaved typing.
    app.isPackaged
      ? {
          label: 'View',
          submenu: [
            { role: 'resetZoom' },
            { role: 'zoomIn' },
            { role: 'zoomOut' },
            { type: 'separator' },
            { role: 'togglefullscreen' },
          ],
        }
      : { role: 'viewMenu' },
    { role: 'windowMenu' },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

// A UK clinic's app: Chromium's own controls (date and time inputs) follow the UI language,
// so dates read dd/mm/yyyy and times 24-hour whatever the computer's language. Before ready.
app.commandLine.appendSwitch('lang', 'en-GB')

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  app.whenReady().then(async () => {
    serveAppProtocol()
    hardenWebContents()
    buildMenu()
    const userData = app.getPath('userData')
    const file = join(userData, 'plinth.sqlite')
    try {
      shell = await LinkShell.start({
        store: fileDeskStore(join(userData, 'desk-link.bin'), keystore),
        // Typing kept while the host is away, and the last day sheet: sealed the same way.
        keep: { dir: userData, cipher: keystore },
        onSealFailed: (error) =>
          consoleLogger.error('could not seal what this desk keeps', { error: String(error) }),
        // A missing clinic file with backups beside is a clinic to rescue, not a first start.
        hasClinicHere: clinicWasHere(file),
        openHost: (opening) => openHost(file, opening),
      })
    } catch (error) {
      dialog.showErrorBox(
        'Plinth cannot open the clinic database',
        `${error instanceof Error ? error.message : String(error)}\n\nFile: ${file}`,
      )
      app.quit()
      return
    }
    registerIpc()
    mainWindow = createWindow()
    relayPush()
    mainWindow.on('closed', () => {
      mainWindow = null
      windowConnection = null
    })
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow()
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  app.on('will-quit', (event) => {
    stopPush()
    shell?.close()
    if (!core) return
    // Hold the quit until the closing backup is written and the database closed.
    event.preventDefault()
    const closing = core
    core = null
    void (backupSchedule?.stop() ?? Promise.resolve())
      .catch((error: unknown) =>
        consoleLogger.error('closing backup failed', { error: String(error) }),
      )
      .finally(() => closing.close())
      .finally(() => app.quit())
  })
}
