import type { Configuration } from 'electron-builder'

/**
 * The installers (issue 12): `npm run dist` builds the app (electron-vite) and packages it
 * for the platform it runs on: NSIS on Windows, a dmg on macOS, AppImage and deb on Linux.
 * Each platform's installer is built on that platform (code signing and notarisation need
 * the clinic's or vendor's certificates in the environment; see docs/packaging.md).
 */
const config: Configuration = {
  appId: 'app.plinth.clinic',
  productName: 'Plinth',
  copyright: 'Copyright © 2026 Plinth',
  directories: { output: 'dist', buildResources: 'resources' },
  // The built app only: main, preload and renderer bundles. Production dependencies are
  // added by electron-builder from package.json; sources, tests and maps stay out.
  files: ['out/**/*', '!out/**/*.map', 'package.json'],
  asar: true,
  // The SQLite driver's native binary cannot be loaded from inside an archive.
  asarUnpack: ['**/*.node'],
  // better-sqlite3-multiple-ciphers ships N-API prebuilds for every platform in the package
  // (node_modules/better-sqlite3/prebuilds): one binary serves Node and Electron, so no
  // rebuild (and no compiler) is needed.
  npmRebuild: false,
  // Electron's fuses, flipped in the binary at package time (electron-builder runs
  // @electron/fuses after packing, then signs). Every fuse is set on purpose; the test
  // tests/unit/packaging-fuses.test.ts fails if one is added upstream and left unset.
  electronFuses: {
    // ELECTRON_RUN_AS_NODE would turn Plinth into a plain Node that runs any script with
    // the user's rights (and the keystore's trust in Plinth).
    runAsNode: false,
    // Cookies on disk encrypted with the OS keystore, like the clinic key.
    enableCookieEncryption: true,
    // NODE_OPTIONS (--require a script) and --inspect would let anyone at the desk inject
    // code into the process that holds the decrypted clinic file.
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    // app.asar is checked against the hash recorded at build time (macOS and Windows)…
    enableEmbeddedAsarIntegrityValidation: true,
    // …and the app is only ever loaded from it, never from a loose app/ folder beside it.
    onlyLoadAppFromAsar: true,
    // The renderer is served from app://plinth; file:// pages get no extra powers.
    grantFileProtocolExtraPrivileges: false,
    // The shared V8 snapshot; Plinth ships no browser-process snapshot of its own.
    loadBrowserProcessSpecificV8Snapshot: false,
  },
  win: {
    target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
    icon: 'resources/icons/icon.png',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    // The clinic's records live in %APPDATA%\plinth: an uninstall never touches them.
    deleteAppDataOnUninstall: false,
    createDesktopShortcut: true,
    shortcutName: 'Plinth',
  },
  mac: {
    target: [{ target: 'dmg', arch: ['arm64', 'x64'] }],
    category: 'public.app-category.medical',
    icon: 'resources/icons/icon.png',
    hardenedRuntime: true,
  },
  dmg: { title: 'Plinth ${version}' },
  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ],
    category: 'Office',
    icon: 'resources/icons',
    executableName: 'plinth',
    maintainer: 'Plinth maintainers <maintainers@plinth.invalid>',
    synopsis: 'Diary, client records and treatment notes for small massage clinics',
  },
  deb: {
    // safeStorage needs a secret service to seal the clinic key (else a key file is used).
    recommends: ['gnome-keyring | kwalletmanager'],
  },
}

export default config
