import { strToU8, zipSync } from 'fflate'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import { ordinaryTables } from '../../db/table-kinds'
import { csvText } from '../csv-cell'

/**
 * Ordinary tables never exported: staff credentials and security settings, backup settings,
 * the migration bookkeeping and the search index's version bookkeeping (search_versions), and
 * the desk link's (desk_host holds the host's TLS private key; desk_saves answers resends).
 * Search indexes themselves and other engine internals are not ordinary tables at all (see
 * ordinaryTables), so they never reach this list.
 */
const NOT_EXPORTED = [
  /^users$/,
  /^security_settings$/,
  /^backup_settings$/,
  /^kysely_/,
  /^search_versions$/,
  /^desk_host$/,
  /^desk_saves$/,
]

/** Columns that are derived or internal, left out of every table's CSV. */
const NOT_EXPORTED_COLUMNS = [/_norm$/, /^alert_summary$/, /password|pin_hash|secret/]

export interface ClinicExport {
  files: Record<string, Uint8Array>
  counts: Record<string, number>
}

/**
 * The clinic's records as CSV files (one per table) and one JSON holding everything.
 * Table-driven: it exports whatever tables the schema has (appointments, notes, invoices as
 * they land), found through Kysely's introspection rather than a list kept by hand.
 */
export async function exportClinic(db: Kysely<DB>, now: Date): Promise<ClinicExport> {
  const ordinary = new Set(await ordinaryTables(db))
  const tables = (await db.introspection.getTables())
    .filter((t) => ordinary.has(t.name) && !NOT_EXPORTED.some((re) => re.test(t.name)))
    .sort((a, b) => a.name.localeCompare(b.name))
  const files: Record<string, Uint8Array> = {}
  const counts: Record<string, number> = {}
  const everything: Record<string, unknown[]> = {}
  for (const table of tables) {
    const columns = table.columns
      .map((c) => c.name)
      .filter((c) => !NOT_EXPORTED_COLUMNS.some((re) => re.test(c)))
    const rows = (await db
      .selectFrom(table.name as keyof DB)
      .select(columns as never[])
      .execute()) as Record<string, unknown>[]
    counts[table.name] = rows.length
    everything[table.name] = rows
    // A BOM so Excel opens the UTF-8 (names with accents) correctly; cells starting with a
    // formula character are neutralised (csvCell), as client-typed text can hold anything.
    files[`${table.name}.csv`] = strToU8(
      '\ufeff' +
        csvText(
          columns,
          rows.map((r) => columns.map((c) => r[c] as string | number | null)),
        ),
    )
  }
  files['plinth-export.json'] = strToU8(
    JSON.stringify(
      { format: 'plinth-export', version: 1, exportedAt: now.toISOString(), tables: everything },
      null,
      2,
    ),
  )
  return { files, counts }
}

/** fflate: small, dependency-free and fast; zipSync is enough for a clinic's few MB. */
export function zipExport(files: Record<string, Uint8Array>): Uint8Array {
  return zipSync(files, { level: 6 })
}
