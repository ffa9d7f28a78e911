// Electron glue only: windows, IPC and OS integration. Rules live in services/.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron'
import { IPC_INVOKE_CHANNEL, IPC_PUSH_CHANNEL } from '../shared/ipc'
import { openCore, type PlinthCore } from './app-core'
import { publishHost } from './link/discovery'
import { consoleLogger } from './log'
import type { StaffConnection } from './services/auth/staff-connection'
import { startBackupSchedule, type BackupSchedule } from './services/backups/schedule'
import { isTrustedRendererUrl } from './security/trusted-sender'

const devServerUrl = process.env['ELECTRON_RENDERER_URL']
const rendererFile = join(import.meta.dirname, '../renderer/index.html')
const rendererUrl = devServerUrl ?? pathToFileURL(rendererFile).href

let core: PlinthCore | null = null
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
  if (devServerUrl) void win.loadURL(devServerUrl)
  else void win.loadFile(rendererFile)
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
    windowConnection ??= core!.connect()
    return windowConnection.call(String(method), input)
  })
}

// Issue 15: if the owner shared this clinic, listen (and announce by mDNS) again at start;
// tell this window of changes made at other desks, so its diary stays current.
function shareIfAsked(host: PlinthCore): void {
  let unpublish: (() => Promise<void>) | null = null
  host.deskHost.onListening = (listening) => {
    void unpublish?.()
    unpublish = listening ? publishHost(listening.port, listening.clinicName) : null
  }
  host.deskHost.apply()
  host.changes.subscribe((event, origin) => {
    if (origin !== windowConnection) {
      mainWindow?.webContents.send(IPC_PUSH_CHANNEL, { type: 'change', event })
    }
  })
}

function buildMenu(): void {
  const template: Electron.MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
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
    hardenWebContents()
    buildMenu()
    const file = join(app.getPath('userData'), 'plinth.sqlite')
    try {
      core = await openCore({ file })
    } catch (error) {
      dialog.showErrorBox(
        'Plinth cannot open the clinic database',
        `${error instanceof Error ? error.message : String(error)}\n\nFile: ${file}`,
      )
      app.quit()
      return
    }
    registerIpc()
    shareIfAsked(core)
    // Integrity check (off the main thread), then daily / every-30-minutes backups.
    backupSchedule = startBackupSchedule(core.backups, { log: consoleLogger })
    mainWindow = createWindow()
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
