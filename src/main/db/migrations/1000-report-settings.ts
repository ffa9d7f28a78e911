import { sql, type Kysely } from 'kysely'

/**
 * Reports (issue 14): the owner's settings for them (one row) and therapists' commission
 * rates. A rate with service_id 0 is the therapist's rate for every service; a rate for a
 * service overrides it. Rates are basis points (1000 = 10 %).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('rebook_window_days', 'integer', (c) =>
      c.notNull().defaultTo(30).check(sql`rebook_window_days BETWEEN 0 AND 365`),
    )
    .addColumn('therapists_see_own', 'integer', (c) =>
      c.notNull().defaultTo(0).check(sql`therapists_see_own IN (0, 1)`),
    )
    .addColumn('commission_basis', 'text', (c) =>
      c.notNull().defaultTo('received').check(sql`commission_basis IN ('received', 'invoiced')`),
    )
    .addColumn('recall_weeks', 'integer', (c) =>
      c.notNull().defaultTo(12).check(sql`recall_weeks BETWEEN 1 AND 520`),
    )
    .execute()
  await db.insertInto('report_settings').values({ id: 1 }).execute()
  await db.schema
    .createTable('commission_rates')
    .addColumn('therapist_id', 'integer', (c) => c.notNull().references('therapists.id'))
    .addColumn('service_id', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rate_bp', 'integer', (c) => c.notNull().check(sql`rate_bp BETWEEN 0 AND 10000`))
    .addPrimaryKeyConstraint('commission_rates_pk', ['therapist_id', 'service_id'])
    .execute()
}
