import { spawn, type ChildProcess } from 'node:child_process'
import type { Page } from '@playwright/test'
import { TEST_PASSWORD } from '../fixtures/staff'
import { expect } from './fixtures'

export interface DeskProcess {
  url: string
  stop(): Promise<void>
}

/**
 * `npm run serve:web -- --join … --code … --port …` as its own process, as a clinic would
 * run a browser desk: it pairs with the host, then serves the built renderer on 127.0.0.1.
 * Run with node and tsx's loader (not the tsx wrapper) so stopping it stops the desk.
 */
export async function startDeskProcess(options: {
  hostUrl: string
  code: string
  name: string
  keepDir: string
  /** Shifts the desk's clock by this much (the tests' pinned clinic time). */
  clockOffsetMs?: number
}): Promise<DeskProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      './tests/e2e/pin-process-clock.mjs',
      'src/main/web/serve-web.ts',
      '--join',
      options.hostUrl,
      '--code',
      options.code,
      '--name',
      options.name,
      '--port',
      '0',
      '--keep-dir',
      options.keepDir,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, PLINTH_TEST_CLOCK_OFFSET_MS: String(options.clockOffsetMs ?? 0) },
    },
  )
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  const url = await new Promise<string>((done, fail) => {
    let out = ''
    const timer = setTimeout(() => fail(new Error(`desk did not start:\n${out}`)), 60_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const m = /^Open (http:\/\/127\.0\.0\.1:\d+\/\S*)/m.exec(out)
      if (m) {
        clearTimeout(timer)
        done(m[1]!)
      }
    })
    child.once('exit', (code) => fail(new Error(`desk exited (${code}):\n${out}`)))
  })
  return {
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await Promise.race([exited, new Promise((done) => setTimeout(done, 10_000))])
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}

/** Signs in on the sign-in screen, as a person at the desk does. */
export async function signInAt(page: Page, username: string): Promise<void> {
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Password').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible({ timeout: 20_000 })
}
