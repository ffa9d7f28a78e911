import { sql, type Expression, type RawBuilder } from 'kysely'

// The SQLite-only expressions the reports need, kept here (the one place that knows the
// engine) so the report queries in services/reports stay Kysely builders. PostgreSQL would
// write these as EXTRACT(EPOCH FROM ...) and a CASE over timestamptz.

/**
 * Milliseconds between two ISO instants held as text ('2026-06-17T09:00:00.000Z'), rounded to
 * the millisecond: julianday's double carries ~0.03 ms at today's dates, so the round makes
 * it exact. `later` and `earlier` are SQL expressions (columns or bound values).
 */
export function msBetween(later: Expression<unknown>, earlier: Expression<unknown>) {
  return sql<number>`round((julianday(${later}) - julianday(${earlier})) * 86400000)`
}

/**
 * Which of the sorted instants `bounds` an ISO instant column falls after: 0 before the first,
 * k when bounds[k-1] <= column < bounds[k], bounds.length from the last on. One scan can then
 * count several periods (a year, the year before and twelve months) at once: comparing ISO
 * text is comparing instants, as every instant is stored in the same UTC form.
 */
export function bucketOf(column: string, bounds: string[]) {
  // A balanced tree of comparisons (about log2 of the bounds a row), not a chain: the chain's
  // ~13 comparisons a row were a fifth of a two-year count at the bench's scale.
  const slice = (lo: number, hi: number): RawBuilder<number> => {
    if (lo === hi) return sql<number>`${sql.lit(lo)}`
    const mid = Math.ceil((lo + hi) / 2)
    return sql<number>`CASE WHEN ${sql.ref(column)} < ${bounds[mid - 1]!} THEN ${slice(lo, mid - 1)} ELSE ${slice(mid, hi)} END`
  }
  return slice(0, bounds.length)
}

/**
 * An ISO instant `days` whole days (of 86,400 s) after another, in the stored form
 * ('2026-06-17T09:00:00.000Z'), so it compares with stored instants as text.
 */
export function isoPlusDays(instant: Expression<unknown>, days: number) {
  return sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', ${instant}, ${`+${Math.trunc(days)} days`})`
}

/**
 * The milliseconds of [starts, ends) inside [fromAt, toAt): ISO text compares as instants, so
 * min and max of the text clip the interval.
 */
export function clippedMs(starts: string, ends: string, fromAt: string, toAt: string) {
  return msBetween(sql`min(${sql.ref(ends)}, ${toAt})`, sql`max(${sql.ref(starts)}, ${fromAt})`)
}

/**
 * A column SQLite may not read through an index for its order ("+column"): a GROUP BY or
 * DISTINCT on it otherwise makes the planner walk an index led by it (reading table rows one
 * by one) instead of the covering range it should use; see the reports' bench.
 */
export function noIndexOrder<T = number>(column: string) {
  return sql<T>`+${sql.ref(column)}`
}

/** A name given in the select list (an alias), for GROUP BY. */
export function alias(name: string) {
  return sql.ref(name)
}
