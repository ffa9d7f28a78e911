import { sql, type Kysely } from 'kysely'

/**
 * No-show and late-cancellation fees (issue 13): the owner sets a fixed amount (pence) or a
 * percentage of the service price for each; 'none' charges nothing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const prefix of ['no_show_fee', 'late_cancel_fee']) {
    await sql
      .raw(
        `ALTER TABLE money_settings ADD COLUMN ${prefix}_kind TEXT NOT NULL DEFAULT 'none'
         CHECK (${prefix}_kind IN ('none', 'fixed', 'percent'))`,
      )
      .execute(db)
    // Pence for 'fixed', whole percent for 'percent'.
    await sql
      .raw(
        `ALTER TABLE money_settings ADD COLUMN ${prefix}_value INTEGER NOT NULL DEFAULT 0
         CHECK (${prefix}_value >= 0)`,
      )
      .execute(db)
  }
}
