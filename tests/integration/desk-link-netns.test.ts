// Issue 15 over separate network stacks: the host and each desk in a Linux network namespace
// of its own (ip netns), joined by a bridge, each with its own address, as on a clinic's LAN.
// Needs root (CAP_NET_ADMIN): skipped, saying why, where `ip netns add` is not permitted.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCore } from '../../src/main/app-core'
import { silentLogger } from '../../src/main/log'
import { startHostProcess, type HostProcess } from '../fixtures/host-process'
import { aClient } from '../fixtures/clients'
import { aTherapistAccount } from '../fixtures/notes'
import { aStaffMember, TEST_PASSWORD } from '../fixtures/staff'
import { tempDir } from '../fixtures/temp-core'
import { testKey } from '../fixtures/test-key'

const tag = `pl${process.pid % 100_000}`
const ns = { host: `${tag}h`, a: `${tag}a`, b: `${tag}b`, outside: `${tag}x` }
const bridge = `${tag}br`
const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' })

/** Why these tests cannot run here, or null when they can. */
function unavailable(): string | null {
  if (process.platform !== 'linux') return 'network namespaces are Linux only'
  try {
    ip('netns', 'add', ns.host)
    return null
  } catch (error) {
    return `\`ip netns add\` is not permitted here (needs root / CAP_NET_ADMIN): ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}`
  }
}
const skipReason = unavailable()
if (skipReason) console.warn(`Skipping the network-namespace desk tests: ${skipReason}`)

/** A namespace on the bridge with one address (and the host a second, public-looking one). */
function attach(name: string, ...addresses: string[]): void {
  if (name !== ns.host) ip('netns', 'add', name)
  ip('link', 'add', `${name}0`, 'type', 'veth', 'peer', 'name', `${name}1`)
  ip('link', 'set', `${name}1`, 'master', bridge)
  ip('link', 'set', `${name}1`, 'up')
  ip('link', 'set', `${name}0`, 'netns', name)
  ip('-n', name, 'link', 'set', 'lo', 'up')
  ip('-n', name, 'link', 'set', `${name}0`, 'up')
  for (const address of addresses) ip('-n', name, 'addr', 'add', address, 'dev', `${name}0`)
  // No default route on this little LAN: mDNS's multicast needs one of its own.
  ip('-n', name, 'route', 'add', '224.0.0.0/4', 'dev', `${name}0`)
}

/** A desk process (tests/fixtures/netns-desk.ts) inside a namespace, driven line by line. */
function deskIn(name: string) {
  const child: ChildProcess = spawn(
    'ip',
    ['netns', 'exec', name, process.execPath, '--import', 'tsx', 'tests/fixtures/netns-desk.ts'],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  )
  const waiting = new Map<number, (answer: unknown) => void>()
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const { id, answer } = JSON.parse(line) as { id: number; answer: unknown }
    waiting.get(id)?.(answer)
  })
  let next = 0
  return {
    child,
    ask<T = { ok: boolean; value?: unknown; error?: { code: string; message: string } }>(
      command: Record<string, unknown>,
    ): Promise<T> {
      const id = ++next
      return new Promise((done) => {
        waiting.set(id, done as (answer: unknown) => void)
        child.stdin!.write(`${JSON.stringify({ ...command, id })}\n`)
      })
    },
  }
}

const tmp = tempDir()
const children: ChildProcess[] = []
let host: HostProcess | null = null
let ids: { clientId: number; therapistId: number; serviceId: number }

describe.skipIf(skipReason !== null)('desks on their own network stacks (ip netns)', () => {
  beforeAll(async () => {
    ip('link', 'add', bridge, 'type', 'bridge')
    ip('link', 'set', bridge, 'type', 'bridge', 'mcast_snooping', '0')
    ip('link', 'set', bridge, 'up')
    // 203.0.113.0/24 is a documentation range: not the clinic's network as far as the host knows.
    attach(ns.host, '10.77.0.1/24', '203.0.113.1/24')
    attach(ns.a, '10.77.0.2/24')
    attach(ns.b, '10.77.0.3/24')
    attach(ns.outside, '203.0.113.2/24')
    const file = join(tmp.dir, 'clinic.sqlite')
    const core = await openCore({ file, key: testKey, log: silentLogger })
    await aStaffMember(core.db, 'owner', { username: 'owner.a' })
    const { therapistId } = await aTherapistAccount(core, 'Sam')
    const service = await core.db.selectFrom('services').select('id').executeTakeFirstOrThrow()
    const client = await aClient().named('Priya', 'Shah').in(core)
    ids = { clientId: client.id, therapistId, serviceId: service.id }
    await core.close()
    // Every interface of its namespace, announced by mDNS, as the Electron host shares.
    host = await startHostProcess(file, 47_150, { netns: ns.host, bind: null, announce: true })
  }, 120_000)

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL')
    await host?.kill()
    for (const name of Object.values(ns)) {
      try {
        ip('netns', 'del', name)
      } catch {
        // Already gone.
      }
    }
    try {
      ip('link', 'del', bridge)
    } catch {
      // Already gone.
    }
    tmp.remove()
  })

  it('finds the host by mDNS, pairs two desks from their own addresses, and pushes a booking across', async () => {
    const a = deskIn(ns.a)
    const b = deskIn(ns.b)
    children.push(a.child, b.child)
    // mDNS answers can be slow on a busy machine: a person would look again, so does the test.
    let found: { name: string; url: string }[] = []
    for (let i = 0; i < 3 && found.length === 0; i++) {
      found = await a.ask<{ name: string; url: string }[]>({ do: 'discover' })
    }
    expect(found).toContainEqual(
      expect.objectContaining({ url: 'https://10.77.0.1:47150', name: 'My clinic' }),
    )
    const url = 'https://10.77.0.1:47150'
    const pairedA = await a.ask({ do: 'pair', url, code: host!.code, name: 'Reception' })
    expect(pairedA).toMatchObject({ ok: true, value: { fingerprint: host!.fingerprint } })
    const pairedB = await b.ask({ do: 'pair', url, code: await host!.nextCode(), name: 'Room 2' })
    expect(pairedB).toMatchObject({ ok: true })

    const signIn = (desk: typeof a, username: string) =>
      desk.ask({ do: 'call', method: 'auth.signIn', input: { username, password: TEST_PASSWORD } })
    expect(await signIn(a, 'owner.a')).toMatchObject({ value: { status: 'signed-in' } })
    expect(await signIn(b, 'sam')).toMatchObject({ value: { status: 'signed-in' } })
    const desks = await a.ask<{ ok: true; value: { name: string; lastAddress: string }[] }>({
      do: 'call',
      method: 'network.desks',
      input: {},
    })
    expect(desks.value.map((d) => [d.name, d.lastAddress]).sort()).toEqual([
      ['Reception', '10.77.0.2'],
      ['Room 2', '10.77.0.3'],
    ])

    await b.ask({ do: 'events' })
    const sent = Date.now()
    const booked = await a.ask({
      do: 'call',
      method: 'diary.book',
      input: {
        clientId: ids.clientId,
        serviceId: ids.serviceId,
        therapistId: ids.therapistId,
        startsAt:
          new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 11) + '10:00:00.000Z',
      },
    })
    expect(booked).toMatchObject({ ok: true })
    let events: { method: string; heardAt: number }[] = []
    for (let i = 0; i < 20 && events.length === 0; i++) {
      events = await b.ask({ do: 'events' })
      if (events.length === 0) await new Promise((r) => setTimeout(r, 50))
    }
    expect(events.map((e) => e.method)).toContain('diary.book')
    expect(events[0]!.heardAt - sent).toBeLessThan(1000)
  }, 120_000)

  it('refuses a computer outside the clinic’s private address ranges, even one that can reach it', async () => {
    const outside = deskIn(ns.outside)
    children.push(outside.child)
    const probe = await outside.ask({ do: 'probe', url: 'https://203.0.113.1:47150' })
    expect(probe).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'Only the clinic network.' },
    })
  }, 60_000)
})
