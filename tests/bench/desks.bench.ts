import type { ChangeEvent } from '../../src/shared/change-events'
import { silentLogger } from '../../src/main/log'
import { aSession, call, openTempCore } from '../fixtures/temp-core'
import { pairDesk, signInAtDesk } from '../fixtures/desk-link'
import { measure, type Figure } from './measure'

/**
 * Issue 15's budgets for the desk link, over real TLS on loopback: a router call from a
 * desk (p95 < 5 ms) and a change's push to another desk (p95 < 200 ms). Not measured here:
 * the 10-desk, 10-minute soak.
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
    figures.push(
      await measure(
        'settings.get from a desk (TLS, loopback)',
        1000,
        () => a.call('settings.get', {}),
        5,
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
        await measure(
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
