import { sql, type Kysely } from 'kysely'

/**
 * The names of the database's ordinary tables: what the clinic's records are kept in.
 * Left out, as kinds rather than by name: SQLite's own tables (sqlite_*), virtual tables
 * (the FTS5 search indexes) and their shadow tables (notes_search_data, _idx, _content,
 * _docsize, _config: engine internals, some holding binary index pages). Any search index or
 * other virtual table added later is left out without anyone listing it.
 *
 * Uses `PRAGMA table_list` (SQLite 3.37+), which types each table as 'table', 'view',
 * 'virtual' or 'shadow'.
 */
export async function ordinaryTables<T>(db: Kysely<T>): Promise<string[]> {
  const { rows } = await sql<{ schema: string; name: string; type: string }>`
    PRAGMA table_list
  `.execute(db)
  return rows
    .filter((t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_'))
    .map((t) => t.name)
    .sort()
}
