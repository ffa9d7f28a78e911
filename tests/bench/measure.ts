import { performance } from 'node:perf_hooks'

export interface Figure {
  name: string
  runs: number
  medianMs: number
  p95Ms: number
  budgetMs?: number
  /**
   * The same work in raw better-sqlite3 (statements prepared once, no router, validation or
   * Kysely): what the measure could at best come down to on this machine today.
   */
  floorP95Ms?: number
}

function quantile(sorted: number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)
  return sorted[Math.max(0, index)]!
}

/** Times `runs` calls one after another (after a short warm-up) and keeps median and p95. */
export async function measure(
  name: string,
  runs: number,
  fn: (i: number) => unknown,
  budgetMs?: number,
): Promise<Figure> {
  for (let i = 0; i < Math.min(50, runs); i++) await fn(i)
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await fn(i)
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return {
    name,
    runs,
    medianMs: quantile(times, 0.5),
    p95Ms: quantile(times, 0.95),
    ...(budgetMs !== undefined ? { budgetMs } : {}),
  }
}

/** A figure with the p95 of its raw floor (measured the same way) beside it. */
export function withFloor(figure: Figure, floor: Figure): Figure {
  return { ...figure, floorP95Ms: floor.p95Ms }
}

export function printTable(title: string, figures: Figure[]): void {
  const floors = figures.some((f) => f.floorP95Ms !== undefined)
  const rows = figures.map((f) => [
    f.name,
    String(f.runs),
    f.medianMs.toFixed(3),
    f.p95Ms.toFixed(3),
    f.budgetMs === undefined ? '' : `${f.p95Ms <= f.budgetMs ? 'ok' : 'OVER'} (< ${f.budgetMs})`,
    ...(floors ? [f.floorP95Ms === undefined ? '' : f.floorP95Ms.toFixed(3)] : []),
  ])
  const head = [
    'measure',
    'runs',
    'median ms',
    'p95 ms',
    'p95 budget',
    ...(floors ? ['raw floor p95 ms'] : []),
  ]
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')
  console.log(`\n${title}`)
  console.log(line(head))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const r of rows) console.log(line(r))
}
