import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { build } from 'esbuild'
import { chromium } from '@playwright/test'
import { openCore } from '../../src/main/app-core'
import { newDatabaseKey } from '../../src/main/db/cipher'
import { silentLogger } from '../../src/main/log'
import type { Figure } from './measure'
import { bulkSeedClients } from './seed-clients'

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
}

/**
 * Start-up of the main process to the first screen, and its memory then (issue 19). Electron
 * cannot run here, so main's code is bundled as electron-vite bundles it (esbuild, packages
 * left external, so each is loaded from node_modules at run time as in the app) with the
 * loopback adapter as its window: `serve:web` on a clinic of 20,000 clients. Timed from the
 * process's spawn to the sign-in screen drawn in Chromium from it; RSS read from /proc then.
 */
export async function benchStartup(runs = 3): Promise<Figure[] | null> {
  const rendererDir = resolve('out/renderer')
  const browserPath = process.env['PLINTH_CHROMIUM'] ?? '/usr/bin/chromium'
  if (!existsSync(join(rendererDir, 'index.html')) || !existsSync(browserPath)) {
    console.log(
      'start-up bench skipped: run `npx electron-vite build` first (and install Chromium)',
    )
    return null
  }
  const dir = mkdtempSync(join(tmpdir(), 'plinth-bench-start-'))
  try {
    // Inside the project, so its packages resolve from node_modules as the app's do.
    const bundle = resolve('out/bench/serve-web.mjs')
    await build({
      entryPoints: [resolve('src/main/web/serve-web.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      packages: 'external',
      outfile: bundle,
      logLevel: 'silent',
    })
    const file = join(dir, 'clinic.sqlite')
    const key = newDatabaseKey()
    const core = await openCore({ file, key, log: silentLogger })
    bulkSeedClients(core, 20_000)
    await core.close()

    const browser = await chromium.launch({
      executablePath: browserPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    })
    const toScreen: number[] = []
    const rss: number[] = []
    try {
      for (let i = 0; i < runs; i++) {
        const started = performance.now()
        const child = spawn(
          process.execPath,
          [bundle, '--db', file, '--port', String(5300 + i), '--renderer', rendererDir],
          {
            cwd: resolve('.'),
            env: { ...process.env, PLINTH_DB_KEY: key.toString('hex') },
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        )
        try {
          const url = await new Promise<string>((done, fail) => {
            let out = ''
            child.stdout.on('data', (chunk: Buffer) => {
              out += chunk.toString()
              const m = /Open (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out)
              if (m) done(m[1]!)
            })
            child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
            child.once('exit', (code) => fail(new Error(`serve:web exited ${code}: ${out}`)))
          })
          const page = await browser.newPage()
          await page.goto(url)
          await page
            .getByRole('button', { name: /sign in|set up|create/i })
            .first()
            .waitFor()
          toScreen.push(performance.now() - started)
          rss.push(rssMb(child.pid!))
          await page.close()
        } finally {
          child.kill('SIGTERM')
          await new Promise((r) => child.once('exit', r))
        }
      }
    } finally {
      await browser.close()
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
    const max = (xs: number[]) => Math.max(...xs)
    return [
      {
        name: 'main process: spawn -> first screen drawn (bundled, serve:web)',
        runs,
        medianMs: median(toScreen),
        p95Ms: max(toScreen),
      },
      {
        name: 'main process: RSS after the first screen, MB (shown in the ms columns)',
        runs,
        medianMs: median(rss),
        p95Ms: max(rss),
      },
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

// `npx tsx tests/bench/startup.bench.ts` (after `npx electron-vite build`) runs it alone.
if (process.argv[1]?.endsWith('startup.bench.ts')) {
  const { printTable } = await import('./measure')
  const figures = await benchStartup()
  if (figures) printTable('start-up', figures)
}
