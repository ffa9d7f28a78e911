import { sql, type Kysely } from 'kysely'

/**
 * What UK health cash plans (Simplyhealth, Westfield) ask to see on a receipt about the
 * practitioner: their professional body, membership number and qualification (issue 13).
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['professional_body', 'membership_number', 'qualification']) {
    await sql
      .raw(`ALTER TABLE therapists ADD COLUMN ${column} TEXT NOT NULL DEFAULT ''`)
      .execute(db)
  }
}
