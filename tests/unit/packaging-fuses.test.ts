import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import config from '../../electron-builder'

// `npm run dist` cannot run here (no Electron binary, no signing certificates): this reads
// the packaging configuration it would use and checks what issue 12 asks of it.
const require = createRequire(import.meta.url)
const scheme = require('app-builder-lib/scheme.json') as {
  definitions: { FuseOptionsV1: { properties: Record<string, unknown> } }
}
const { validateSchema } = require('app-builder-lib/out/util/config/schemaValidator.js') as {
  validateSchema(schema: unknown, data: unknown): void
}
const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as {
  scripts: Record<string, string>
  devDependencies: Record<string, string>
  allowScripts: Record<string, boolean>
}

describe('the installers', () => {
  it('flip every fuse the way issue 12 asks', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    })
    expect(config.asar).toBe(true)
  })

  it('leave no fuse electron-builder knows to its default (one added upstream fails here)', () => {
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties).filter(
      // Not a fuse: re-signing after flipping, which electron-builder does anyway.
      (name) => name !== 'resetAdHocDarwinSignature',
    )
    expect(Object.keys(config.electronFuses!).sort()).toEqual(known.sort())
  })

  it('build NSIS, dmg, AppImage and deb, and never delete the clinic’s data on uninstall', () => {
    const targets = (of: unknown) =>
      (of as { target: string }[]).map((t) => (typeof t === 'string' ? t : t.target))
    expect(targets(config.win!.target)).toEqual(['nsis'])
    expect(targets(config.mac!.target)).toEqual(['dmg'])
    expect(targets(config.linux!.target)).toEqual(['AppImage', 'deb'])
    expect(config.nsis!.deleteAppDataOnUninstall).toBe(false)
    for (const icon of [config.win!.icon, config.mac!.icon]) expect(existsSync(icon!)).toBe(true)
    expect(existsSync(`${config.linux!.icon}/512x512.png`)).toBe(true)
  })

  it('is a configuration electron-builder accepts, run by `npm run dist`', () => {
    expect(() => validateSchema(scheme, config)).not.toThrow()
    expect(packageJson.scripts['dist']).toBe('electron-vite build && electron-builder')
    expect(packageJson.devDependencies).toHaveProperty('electron-builder')
    // Electron's own install script (a binary download) is never approved to run.
    expect(packageJson.allowScripts['electron']).not.toBe(true)
  })
})
