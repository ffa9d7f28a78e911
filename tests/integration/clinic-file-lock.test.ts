import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openCore } from '../../src/main/app-core'
import { ClinicInUseError } from '../../src/main/db/clinic-file-lock'
import { silentLogger } from '../../src/main/log'
import { tempDir } from '../fixtures/temp-core'
import { testKey, withTestKey } from '../fixtures/test-key'

// One clinic file, one Plinth: a second process (another window, `npm run seed`,
// `serve:web`) is refused with a clear message, and a killed one leaves no stale lock.

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function aClinicFile(): string {
  const tmp = tempDir()
  cleanups.push(() => tmp.remove())
  return join(tmp.dir, 'clinic.sqlite')
}

/** Another process holding the file; resolves once it says whether it got it. */
function anotherPlinth(file: string): Promise<{ child: ChildProcess; said: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join('tests', 'fixtures', 'hold-clinic.ts'), file],
    { stdio: ['ignore', 'pipe', 'inherit'], env: withTestKey() },
  )
  cleanups.push(() => child.kill('SIGKILL'))
  return new Promise((done, fail) => {
    let out = ''
    const guard = setTimeout(() => fail(new Error(`no answer: ${out}`)), 60_000)
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
      if (out.includes('\n')) {
        clearTimeout(guard)
        done({ child, said: out.trim() })
      }
    })
    child.on('error', fail)
  })
}

const exited = (child: ChildProcess) =>
  new Promise<void>((done) => (child.exitCode !== null ? done() : child.once('exit', () => done())))

describe('a clinic file is opened by one Plinth at a time', () => {
  it('refuses a second open in the same process until the first closes', async () => {
    const file = aClinicFile()
    const first = await openCore({ file, key: testKey, log: silentLogger })
    await expect(openCore({ file, key: testKey, log: silentLogger })).rejects.toBeInstanceOf(
      ClinicInUseError,
    )
    await expect(openCore({ file, key: testKey, log: silentLogger })).rejects.toThrow(
      /Another Plinth is already using this clinic file/,
    )
    await first.close()
    const again = await openCore({ file, key: testKey, log: silentLogger })
    await again.close()
  })

  it('refuses another process, and opens at once after that process is killed', async () => {
    const file = aClinicFile()
    const other = await anotherPlinth(file)
    expect(other.said).toBe('holding')
    await expect(openCore({ file, key: testKey, log: silentLogger })).rejects.toBeInstanceOf(
      ClinicInUseError,
    )

    other.child.kill('SIGKILL')
    await exited(other.child)
    const mine = await openCore({ file, key: testKey, log: silentLogger })
    // And now the other way round: this process holds it, a new one is refused.
    const refused = await anotherPlinth(file)
    expect(refused.said).toMatch(/^refused: Another Plinth is already using this clinic file/)
    await mine.close()
  }, 120_000)
})
