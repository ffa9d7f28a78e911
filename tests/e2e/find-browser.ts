import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'

/**
 * The Chromium-family browser the end-to-end tests drive, found the way a developer's machine
 * has one, in this order:
 *  1. `PLINTH_CHROMIUM` (a path to any Chromium or Chrome executable);
 *  2. the system Chromium (Debian/Ubuntu packages, Homebrew, Chocolatey, Snap);
 *  3. the browser `npx playwright install chromium` downloaded;
 *  4. Google Chrome or Microsoft Edge where their installers put them.
 * Playwright's own download cannot run offline, so we never rely on it alone.
 *
 * @returns an absolute path to an executable
 * @throws Error naming what was tried and how to get a browser, when none is found
 */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env['PLINTH_CHROMIUM']
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv
    throw new Error(`PLINTH_CHROMIUM is set to ${fromEnv}, but there is no file there.`)
  }
  const programFiles = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter(
    (dir): dir is string => Boolean(dir),
  )
  const candidates = [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/opt/homebrew/bin/chromium',
    '/usr/local/bin/chromium',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ...programFiles.map((dir) => join(dir, 'Chromium', 'Application', 'chrome.exe')),
    playwrightChromium(),
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    join(homedir(), 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome'),
    ...programFiles.map((dir) => join(dir, 'Google', 'Chrome', 'Application', 'chrome.exe')),
    '/usr/bin/microsoft-edge',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ...programFiles.map((dir) => join(dir, 'Microsoft', 'Edge', 'Application', 'msedge.exe')),
  ].filter((path): path is string => Boolean(path))
  const found = candidates.find((path) => existsSync(path))
  if (found) return found
  throw new Error(
    [
      'The end-to-end tests need Chromium or Chrome, and none was found. Any one of these works:',
      '  - install Google Chrome, or Chromium (Debian/Ubuntu: sudo apt-get install chromium;',
      '    macOS: brew install --cask chromium; Windows: winget install Hibbiki.Chromium);',
      '  - npx playwright install chromium (needs the internet);',
      '  - set PLINTH_CHROMIUM to the path of a Chromium or Chrome executable.',
      `Looked in: ${candidates.join(', ')}`,
    ].join('\n'),
  )
}

/** Where `npx playwright install chromium` put its browser, if it did. */
function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath()
  } catch {
    return undefined
  }
}
