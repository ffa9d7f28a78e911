import type Database from 'better-sqlite3'

/** The raw better-sqlite3 connection, named here so services need not import the driver. */
export type RawConnection = Database.Database

/**
 * Lets the event loop turn every `every` rows of a long loop (progress polls, heartbeats), or
 * sooner once `sliceMs` has passed since the last turn: 1000 rows of an import took ~150 ms
 * on a busy 2-core machine and held main's event loop that long (issue 19: p99 < 50 ms).
 * The clock is read on every row (tens of nanoseconds, beside a row's insert or check of
 * tens of microseconds or more): reading it every 25 rows let 25 slow rows run over.
 */
export function yielder(every: number, sliceMs = 10): (index: number) => Promise<void> | undefined {
  let last = performance.now()
  return (index) => {
    if (index === 0) return undefined
    if (index % every !== 0 && performance.now() - last < sliceMs) return undefined
    return new Promise((next) =>
      setImmediate(() => {
        last = performance.now()
        next()
      }),
    )
  }
}
