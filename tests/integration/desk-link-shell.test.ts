import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fileDeskStore, memoryDeskStore } from '../../src/main/link/desk-store'
import { LinkShell } from '../../src/main/link/link-shell'
import { aSession, call, tempDir } from '../fixtures/temp-core'
import { startHost, type Host } from '../fixtures/desk-link'

let host: Host
const shells: LinkShell[] = []
beforeEach(async () => {
  host = await startHost()
})
afterEach(async () => {
  for (const s of shells.splice(0)) s.close()
  await host.dispose()
})

async function choosingShell(store = memoryDeskStore()) {
  const shell = await LinkShell.start({
    store,
    hasClinicHere: false,
    openHost: () => Promise.reject(new Error('not here')),
  })
  shells.push(shell)
  return shell
}

describe('a desk’s first start, pairing and leaving', () => {
  it('probes, pairs pinned to what it showed, forwards calls, and after a revoke can pair again', async () => {
    const store = memoryDeskStore()
    const shell = await choosingShell(store)
    expect(await shell.call('link.info', {})).toMatchObject({ value: { mode: 'choosing' } })
    expect(await shell.call('auth.status', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    })
    const probe = await shell.call('link.probe', { address: `127.0.0.1:${host.port}` })
    expect(probe).toMatchObject({ ok: true, value: { fingerprint: host.fingerprint } })
    // The certificate itself stays in main; the renderer sees what a person compares.
    expect(JSON.stringify(probe)).not.toContain('BEGIN CERTIFICATE')
    const url = (probe as { value: { url: string } }).value.url
    // Pairing needs the probe first: an address never shown to a person is refused.
    expect(
      await shell.call('link.pair', { url: 'https://127.0.0.1:1', code: 'X', deskName: 'A' }),
    ).toMatchObject({ ok: false, error: { fieldErrors: [{ path: 'url' }] } })
    const { code } = host.deskHost.codes.issue()
    expect(await shell.call('link.pair', { url, code, deskName: 'Room 1' })).toMatchObject({
      ok: true,
      value: { mode: 'desk', deskName: 'Room 1', hostUrl: url },
    })
    expect(store.load()?.fingerprint).toBe(host.fingerprint)
    expect(await shell.call('auth.status', {})).toMatchObject({ ok: true })

    const { id } = await host.db.selectFrom('desks').select('id').executeTakeFirstOrThrow()
    await call(host, 'network.revokeDesk', { id }, aSession('owner'))
    expect(await shell.call('auth.status', {})).toMatchObject({ error: { code: 'not_paired' } })
    expect(await shell.call('link.leave', {})).toMatchObject({ value: { mode: 'choosing' } })
    expect(store.load()).toBeNull()
  })

  it('remembers a pairing across restarts, and a host cannot be made to leave its clinic', async () => {
    const tmp = tempDir()
    try {
      const cipher = {
        encrypt: (s: string) => Buffer.from(Buffer.from(s, 'utf8').map((b) => b ^ 0x5a)),
        decrypt: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a)).toString('utf8'),
      }
      const path = join(tmp.dir, 'desk-link.bin')
      const first = await choosingShell(fileDeskStore(path, cipher))
      const probe = await first.call('link.probe', { address: host.url })
      const { code } = host.deskHost.codes.issue()
      const url = (probe as { value: { url: string } }).value.url
      await first.call('link.pair', { url, code, deskName: 'Laptop' })
      // Sealed on disk: neither the credential nor the host's address in the clear.
      const sealed = readFileSync(path)
      expect(sealed.toString('utf8')).not.toContain('127.0.0.1')
      const again = await choosingShell(fileDeskStore(path, cipher))
      expect(await again.call('link.info', {})).toMatchObject({ value: { mode: 'desk' } })
      expect(await again.call('auth.status', {})).toMatchObject({ ok: true })

      const hostShell = await LinkShell.start({
        store: memoryDeskStore(),
        hasClinicHere: true,
        openHost: async () => ({
          connection: host.connect(),
          push: () => () => {},
          clinicName: async () => 'My clinic',
        }),
      })
      shells.push(hostShell)
      expect(await hostShell.call('link.leave', {})).toMatchObject({ value: { mode: 'host' } })
      expect(await hostShell.call('link.probe', { address: host.url })).toMatchObject({
        ok: false,
      })
    } finally {
      tmp.remove()
    }
  })
})
