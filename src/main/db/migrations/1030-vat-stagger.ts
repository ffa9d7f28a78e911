import { sql, type Kysely } from 'kysely'

/**
 * The clinic's VAT stagger (issue 14's VAT summary "for a chosen VAT quarter"): which months
 * its VAT quarters end in, as HMRC assigned. 1: March, June, September, December (the
 * calendar quarters, the default); 2: April, July, October, January; 3: May, August,
 * November, February.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('report_settings')
    .addColumn('vat_stagger', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`vat_stagger IN (1, 2, 3)`),
    )
    .execute()
}
