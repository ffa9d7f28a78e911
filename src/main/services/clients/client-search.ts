import type { Kysely } from 'kysely'
import type { SearchResult } from '../../../shared/contract/clients'
import { searchStatement, type SearchOptions } from '../../db/client-search-sql'
import type { DB } from '../../db/schema'
import { nextAppointmentsOf } from './client-appointments'
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './client-record'
import { planSearch } from './search-plan'

/**
 * The phone-call lookup. Ranked: exact matches, then names (surname first) and contact
 * details starting with the text, then anything containing it. Merged-away records never
 * appear; archived ones only when asked for.
 */
export async function searchClients(
  db: Kysely<DB>,
  options: SearchOptions,
  now: Date,
): Promise<SearchResult> {
  const plan = planSearch(options.query)
  const mode = plan.kind === 'empty' ? 'empty' : plan.kind === 'names' ? 'names' : 'full'
  const statement = searchStatement<SummaryRow>(plan, options, SUMMARY_COLUMNS)
  if (!statement) return { mode: plan.kind === 'phone' ? 'names' : mode, results: [] }
  const rows = await statement.execute(db)
  // A client can sit in several tiers (exact surname and a prefix): keep their best place.
  const seen = new Set<number>()
  const best = rows.rows.filter((row) => !seen.has(row.id) && seen.add(row.id))
  const results = best.slice(0, options.limit).map((row) => toSummary(row, now))
  const next = await nextAppointmentsOf(
    db,
    results.map((r) => r.id),
    now,
  )
  for (const r of results) r.nextAppointmentAt = next.get(r.id) ?? null
  return { mode, results }
}
