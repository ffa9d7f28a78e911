import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import type { Figure } from './measure'

/** What the main thread did while some long work ran beside it. */
export interface DuringWork {
  /** Wall time of the work itself. */
  ms: number
  /** Event-loop delay (perf_hooks.monitorEventLoopDelay), ms. */
  p99Ms: number
  maxMs: number
  /** Latencies of the calls made while the work ran (a receptionist booking), ms. */
  calls: number[]
  failed: number
  /** Every turn of the loop that came over 30 ms late: when (ms into the work) and how late. */
  stalls: { atMs: number; ms: number }[]
}

/**
 * Runs `work` while measuring main's event-loop delay, and makes a call every `everyMs`
 * (awaiting each) as a receptionist would: issue 19's "a booking during a backup must not
 * wait". A call that answers with an error still counts as answered; `failed` says how many.
 */
export async function duringWork(
  work: () => Promise<unknown>,
  call: (i: number) => Promise<boolean>,
  everyMs = 100,
): Promise<DuringWork> {
  const histogram = monitorEventLoopDelay({ resolution: 10 })
  const calls: number[] = []
  let failed = 0
  let done = false
  histogram.enable()
  const started = performance.now()
  const stalls: DuringWork['stalls'] = []
  let last = started
  const watch = setInterval(() => {
    const now = performance.now()
    if (now - last > 30) stalls.push({ atMs: last - started, ms: now - last })
    last = now
  }, 5)
  const probing = (async () => {
    for (let i = 0; !done; i++) {
      const t = performance.now()
      if (!(await call(i))) failed++
      calls.push(performance.now() - t)
      await new Promise((r) => setTimeout(r, everyMs))
    }
  })()
  try {
    await work()
  } finally {
    done = true
    clearInterval(watch)
    histogram.disable()
  }
  const ms = performance.now() - started
  await probing
  return {
    ms,
    p99Ms: histogram.percentile(99) / 1e6,
    maxMs: histogram.max / 1e6,
    calls,
    failed,
    stalls,
  }
}

/** The stalls of `d` as lines ("at 12.3 s: 120 ms"), for finding what still blocks. */
export function stallLines(d: DuringWork, overMs = 30): string {
  return d.stalls
    .filter((s) => s.ms > overMs)
    .map((s) => `at ${(s.atMs / 1000).toFixed(1)} s: ${s.ms.toFixed(0)} ms`)
    .join('\n')
}

/** The figures for one piece of work: loop delay p99 (budget 50 ms), max, and the calls. */
export function loopFigures(what: string, d: DuringWork, callName: string): Figure[] {
  const sorted = [...d.calls].sort((a, b) => a - b)
  const q = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? 0
  const one = (name: string, ms: number, budgetMs?: number): Figure => ({
    name,
    runs: 1,
    medianMs: ms,
    p95Ms: ms,
    ...(budgetMs !== undefined ? { budgetMs } : {}),
  })
  return [
    one(`${what}: wall time`, d.ms),
    one(`${what}: main event-loop delay p99 (budget 50 ms)`, d.p99Ms, 50),
    one(`${what}: main event-loop delay max`, d.maxMs),
    {
      name: `${what}: ${callName} while it runs (${d.calls.length}, ${d.failed} refused)`,
      runs: d.calls.length,
      medianMs: q(0.5),
      p95Ms: q(0.95),
      budgetMs: 100,
    },
  ]
}
