import { performance } from 'node:perf_hooks'

export interface Figure {
  name: string
  runs: number
  medianMs: number
  p95Ms: number
  budgetMs?: number
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

export function printTable(title: string, figures: Figure[]): void {
  const rows = figures.map((f) => [
    f.name,
    String(f.runs),
    f.medianMs.toFixed(3),
    f.p95Ms.toFixed(3),
    f.budgetMs === undefined ? '' : `${f.p95Ms <= f.budgetMs ? 'ok' : 'OVER'} (< ${f.budgetMs})`,
  ])
  const head = ['measure', 'runs', 'median ms', 'p95 ms', 'p95 budget']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')
  console.log(`\n${title}`)
  console.log(line(head))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const r of rows) console.log(line(r))
}
