import { existsSync, readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { ChangeEvent } from '../../src/shared/change-events'
import { silentLogger } from '../../src/main/log'
import { aSession, call, openTempCore } from '../fixtures/temp-core'
import { pairDesk, signInAtDesk } from '../fixtures/desk-link'
import { aStaffMember } from '../fixtures/staff'
import { measure, type Figure } from './measure'

/** This thread's time on a CPU and runnable but waiting for one, in ms (Linux schedstat). */
function schedMs(): { ran: number; waited: number } | null {
  if (!existsSync('/proc/self/schedstat')) return null
  const [ran, waited] = readFileSync('/proc/self/schedstat', 'utf8').split(' ').map(Number)
  return { ran: ran! / 1e6, waited: waited! / 1e6 }
}

/**
 * Runs `work` and says how much of its time went on waiting for a CPU and on a blocked event
 * loop. On the shared 2-core machine a desk call's p95 went from ~1 ms to 13 ms when the load
 * average was far above 2: the calls themselves did not get slower, the process waited to be
 * scheduled (see the README, "Several computers", for the figures).
 */
async function explained<T>(what: string, work: () => Promise<T>): Promise<T> {
  const loop = monitorEventLoopDelay({ resolution: 1 })
  const before = schedMs()
  loop.enable()
  const started = performance.now()
  try {
    return await work()
  } finally {
    loop.disable()
    const elapsed = performance.now() - started
    const after = schedMs()
    const sched =
      before && after
        ? `on a CPU ${(after.ran - before.ran).toFixed(0)} ms, waiting for one ${(after.waited - before.waited).toFixed(0)} ms (${(((after.waited - before.waited) / elapsed) * 100).toFixed(0)}%)`
        : 'no schedstat here'
    console.log(
      `  ${what}: ${elapsed.toFixed(0)} ms; ${sched}; event loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms; load average ${loadavg()[0]!.toFixed(2)}`,
    )
  }
}

/**
 * Issue 15's budgets for the desk link, over real TLS on loopback: a router call from a
 * desk (p95 < 5 ms) and a change's push to another desk (p95 < 200 ms), with the same call
 * made in-process (no TLS, no HTTP) beside it, and where the time went. The 10-desk soak is
 * desks-soak.bench.ts.
 */
export async function benchDeskLink(): Promise<Figure[]> {
  const core = await openTempCore({ log: silentLogger, deskBindAddress: '127.0.0.1' })
  const { port, fingerprint } = await core.deskHost.start(0)
  const host = Object.assign(core, { url: `https://127.0.0.1:${port}`, port, fingerprint })
  const a = await pairDesk(host, 'Bench A')
  const b = await pairDesk(host, 'Bench B')
  try {
    await signInAtDesk(host, a, 'owner', 'bench.a')
    const figures: Figure[] = []
    const here = core.connect()
    here.begin(await aStaffMember(core.db, 'owner', { username: 'bench.here' }))
    figures.push(
      await explained('desk call', () =>
        measure(
          'settings.get from a desk (TLS, loopback)',
          1000,
          () => a.call('settings.get', {}),
          5,
        ),
      ),
    )
    figures.push(
      await explained('in-process call', () =>
        measure('settings.get in the host itself (no TLS)', 1000, () =>
          here.call('settings.get', {}),
        ),
      ),
    )
    const settings = await call(host, 'settings.get', {}, aSession('owner'))
    if (!settings.ok) throw new Error(settings.error.message)
    let heard: ((e: ChangeEvent) => void) | null = null
    let connected!: () => void
    const ready = new Promise<void>((r) => (connected = r))
    const stop = b.listen(
      (e) => heard?.(e),
      (s) => s === 'connected' && connected(),
    )
    await ready
    try {
      figures.push(
        await explained('push', () =>
          measure(
            'commit at desk A to event at desk B',
            300,
            async (i) => {
              const event = new Promise<void>((r) => (heard = () => r()))
              await a.call('settings.update', {
                ...settings.value,
                phone: `0161 496 ${String(i % 10_000).padStart(4, '0')}`,
              })
              await event
            },
            200,
          ),
        ),
      )
    } finally {
      stop()
    }
    return figures
  } finally {
    a.close()
    b.close()
    await core.dispose()
  }
}
