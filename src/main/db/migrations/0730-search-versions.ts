import type { Kysely } from 'kysely'

/**
 * Which version of the search normalisers each derived search structure was built with
 * (name -> version). When the app's normaliser version is newer than the row (or the row is
 * missing, as on every database before this migration), the app recomputes that structure
 * from the typed values on open. Issue #11: names with ł, ø, ß, æ … and UK phone prefixes
 * were normalised differently before, so existing clients need their search columns rebuilt;
 * later normaliser changes bump the version instead of adding a data migration each time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('search_versions')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('rebuilt_at', 'text', (c) => c.notNull())
    .execute()
}
