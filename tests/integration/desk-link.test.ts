import { request } from 'node:https'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DeskLink, pairWithHost, probeHost } from '../../src/main/link/desk-client'
import { PAIRING_CODE_TTL_MS } from '../../src/main/services/desks/pairing-codes'
import { MAX_RPC_BODY_BYTES } from '../../src/main/link/wire'
import { aSession, call } from '../fixtures/temp-core'
import { deskCall, pairDesk, signInAtDesk, startHost, type Host } from '../fixtures/desk-link'

let clock = new Date('2026-02-20T10:00:00Z')
let host: Host
const links: DeskLink[] = []

beforeEach(async () => {
  clock = new Date('2026-02-20T10:00:00Z')
  host = await startHost({ now: () => clock })
})
afterEach(async () => {
  for (const link of links.splice(0)) link.close()
  await host.dispose()
})

async function desk(name: string): Promise<DeskLink> {
  const link = await pairDesk(host, name)
  links.push(link)
  return link
}

/** A raw request to the host, trusting its certificate, for what the client never sends. */
function raw(path: string, headers: Record<string, string>, body = ''): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(
      new URL(path, host.url),
      { method: 'POST', rejectUnauthorized: false, headers },
      (res) => {
        res.resume()
        done(res.statusCode ?? 0)
      },
    )
    req.on('error', fail)
    req.end(body)
  })
}

describe('pairing a desk with the host', () => {
  it('pairs with the right code, then forwards calls that the host answers and audits under the desk’s name', async () => {
    const link = await desk('Treatment room 2')
    await signInAtDesk(host, link, 'owner')
    const current = await deskCall(link, 'settings.get', {})
    if (!current.ok) throw new Error(current.error.message)
    const settings = await deskCall(link, 'settings.update', {
      ...current.value,
      clinicName: 'Riverside Sports Massage',
    })
    expect(settings).toMatchObject({ ok: true })
    const rows = await host.db
      .selectFrom('audit_log')
      .select(['action', 'workstation'])
      .where('action', 'in', ['network.pair', 'auth.signIn', 'settings.update'])
      .execute()
    expect(rows.length).toBeGreaterThanOrEqual(2)
    for (const row of rows) expect(row.workstation).toBe('Treatment room 2')
    const listed = await call(host, 'network.desks', {}, aSession('owner'))
    expect(listed.ok && listed.value.map((d) => [d.name, d.lastAddress])).toEqual([
      ['Treatment room 2', '127.0.0.1'],
    ])
    // The host keeps a hash of the credential, never the credential itself.
    const stored = await host.db.selectFrom('desks').select('token_hash').executeTakeFirstOrThrow()
    expect(stored.token_hash).not.toBe(link.credentials.token)
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('refuses a wrong code next to the field, and a code once it has been used', async () => {
    const { code } = host.deskHost.codes.issue()
    const probe = await probeHost(host.url)
    expect(probe.ok && probe.value.fingerprint).toBe(host.fingerprint)
    if (!probe.ok) return
    const wrong = await pairWithHost(
      probe.value,
      code === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA',
      'Laptop',
    )
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fieldErrors: [{ path: 'code' }] },
    })
    // Typed in lower case with a dash, as a person might.
    const typed = `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase()
    expect((await pairWithHost(probe.value, typed, 'Laptop')).ok).toBe(true)
    const again = await pairWithHost(probe.value, code, 'Second laptop')
    expect(again.ok).toBe(false)
  })

  it('refuses a code after its 10 minutes', async () => {
    const { code } = host.deskHost.codes.issue()
    const probe = await probeHost(host.url)
    if (!probe.ok) throw new Error(probe.error.message)
    clock = new Date(clock.getTime() + PAIRING_CODE_TTL_MS + 1000)
    const late = await pairWithHost(probe.value, code, 'Laptop')
    expect(late).toMatchObject({ ok: false, error: { message: expect.stringMatching(/expired/) } })
  })

  it('limits pairing attempts from one address', async () => {
    host.deskHost.codes.issue()
    const probe = await probeHost(host.url)
    if (!probe.ok) throw new Error(probe.error.message)
    const codes: string[] = []
    for (let i = 0; i < 6; i++) {
      const r = await pairWithHost(probe.value, `WRONG00${i}`, 'Laptop')
      codes.push(r.ok ? 'ok' : r.error.code)
    }
    expect(codes).toEqual([...Array(5).fill('invalid_input'), 'rate_limited'])
  })

  it('refuses to talk to a host whose certificate is not the pinned one', async () => {
    const link = await desk('Reception')
    const impostor = await startHost({ now: () => clock })
    try {
      expect(impostor.fingerprint).not.toBe(host.fingerprint)
      const fooled = new DeskLink({ ...link.credentials, url: impostor.url })
      links.push(fooled)
      const r = await deskCall(fooled, 'auth.status', {})
      expect(r).toMatchObject({
        ok: false,
        error: { code: 'not_paired', message: expect.stringMatching(/fingerprint is different/) },
      })
    } finally {
      await impostor.dispose()
    }
  })
})

describe('the host enforces its rules on desk calls', () => {
  it('checks roles and sign-in on the host', async () => {
    const link = await desk('Room 1')
    expect(await deskCall(link, 'clients.search', { query: 'a' } as never)).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    })
    await signInAtDesk(host, link, 'therapist')
    expect(await deskCall(link, 'users.list', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    expect(await deskCall(link, 'network.desks', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    // Validated on the host too: a wrong shape never reaches a handler.
    expect(await deskCall(link, 'auth.setPin', { pin: 12 } as never)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    })
  })

  it('locks a desk’s session after the idle limit, on the host', async () => {
    const link = await desk('Room 3')
    await signInAtDesk(host, link, 'reception')
    expect((await deskCall(link, 'settings.get', {})).ok).toBe(true)
    clock = new Date(clock.getTime() + 61 * 60_000)
    expect(await deskCall(link, 'settings.get', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    })
  })

  it('refuses a revoked desk from its very next call', async () => {
    const link = await desk('Old laptop')
    await signInAtDesk(host, link, 'reception')
    expect((await deskCall(link, 'settings.get', {})).ok).toBe(true)
    const { id } = await host.db.selectFrom('desks').select('id').executeTakeFirstOrThrow()
    const revoked = await call(host, 'network.revokeDesk', { id }, aSession('owner'))
    expect(revoked.ok).toBe(true)
    expect(await deskCall(link, 'settings.get', {})).toMatchObject({
      ok: false,
      error: { code: 'not_paired' },
    })
    const listed = await call(host, 'network.desks', {}, aSession('owner'))
    expect(listed.ok && listed.value).toEqual([])
  })

  it('renames a desk, and later audit rows carry the new name', async () => {
    const link = await desk('Desk')
    await signInAtDesk(host, link, 'owner')
    const id = (await host.db.selectFrom('desks').select('id').executeTakeFirstOrThrow()).id
    const renamed = await call(
      host,
      'network.renameDesk',
      { id, name: 'Front desk' },
      aSession('owner'),
    )
    expect(renamed.ok && renamed.value.name).toBe('Front desk')
    await deskCall(link, 'auth.lock', { reason: 'manual' })
    const last = await host.db
      .selectFrom('audit_log')
      .select(['action', 'workstation'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(last).toEqual({ action: 'auth.lock', workstation: 'Front desk' })
  })

  it('refuses a desk of another version, naming both, and an oversized body', async () => {
    const link = await desk('Room 4')
    const r = await new Promise<{ status: number; body: string }>((done, fail) => {
      const req = request(
        new URL('/plinth/rpc', host.url),
        {
          method: 'POST',
          rejectUnauthorized: false,
          headers: {
            'x-plinth-version': '0.0.9',
            authorization: `Bearer ${link.credentials.token}`,
          },
        },
        (res) => {
          let body = ''
          res.on('data', (c: Buffer) => (body += c.toString()))
          res.on('end', () => done({ status: res.statusCode ?? 0, body }))
        },
      )
      req.on('error', fail)
      req.end('{}')
    })
    expect(r.status).toBe(409)
    expect(r.body).toMatch(/Plinth 0\.0\.9.*Plinth 0\.1\.0/)
    const big = await raw('/plinth/rpc', {
      'x-plinth-version': '0.1.0',
      authorization: `Bearer ${link.credentials.token}`,
      'content-length': String(MAX_RPC_BODY_BYTES + 1),
    }).catch(() => 413)
    expect(big).toBe(413)
  })

  it('carries files inside calls with the contract’s own limits (a 20 MB import)', async () => {
    const link = await desk('Owner laptop')
    await signInAtDesk(host, link, 'owner')
    const row = 'Firstname,Lastname,Mobile\n'
    const lines = [row]
    let size = row.length
    for (let i = 0; size < 20 * 1024 * 1024; i++) {
      const line = `Client${i},Surname${i},07700 ${String(900000 + (i % 99999)).slice(0, 6)}\n`
      lines.push(line)
      size += line.length
    }
    const opened = await deskCall(link, 'imports.open', {
      kind: 'clients',
      fileName: 'big.csv',
      text: lines.join(''),
    })
    expect(opened).toMatchObject({ ok: true, value: { kind: 'clients' } })
  }, 60_000)
})
