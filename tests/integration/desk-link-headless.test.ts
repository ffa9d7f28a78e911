import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { DeskLink, pairWithHost, probeHost } from '../../src/main/link/desk-client'
import { discoverHosts, publishHost } from '../../src/main/link/discovery'
import { tempDir } from '../fixtures/temp-core'
import { freePort, linesMatching } from '../fixtures/host-process'

let child: ChildProcess | null = null
const tmp = tempDir()
afterAll(() => tmp.remove())

afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((done) => child!.once('exit', done))
    child.kill('SIGTERM')
    await Promise.race([exited, new Promise((done) => setTimeout(done, 10_000))])
    if (child.exitCode === null) child.kill('SIGKILL')
  }
  child = null
})

describe('npm run host', () => {
  it('prints a pairing code and the fingerprint a desk then pairs with', async () => {
    const port = await freePort()
    child = spawn(
      join('node_modules', '.bin', 'tsx'),
      [
        'src/main/cli/host.ts',
        '--db',
        join(tmp.dir, 'clinic.sqlite'),
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--no-announce',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    const [code, fingerprint] = await linesMatching(
      child,
      [/^Pairing code: ([0-9A-Z]{8})$/m, /^Fingerprint: ([0-9A-F:]{95})$/m],
      60_000,
    )
    const probe = await probeHost(`https://127.0.0.1:${port}`)
    expect(probe.ok && probe.value.fingerprint).toBe(fingerprint)
    if (!probe.ok) return
    const paired = await pairWithHost(probe.value, code!, 'Reception')
    expect(paired.ok).toBe(true)
    if (!paired.ok) return
    const link = new DeskLink(paired.value)
    expect(await link.call('auth.status', {})).toMatchObject({ ok: true })
    link.close()
  }, 90_000)
})

describe('finding hosts by mDNS', () => {
  it('lists a host that announces itself on this network', async () => {
    const stop = publishHost(47_999, 'Riverside Sports Massage')
    try {
      const found = await discoverHosts(2000)
      expect(found).toContainEqual(
        expect.objectContaining({
          name: 'Riverside Sports Massage',
          url: expect.stringMatching(/:47999$/),
        }),
      )
    } finally {
      await stop()
    }
  })
})
