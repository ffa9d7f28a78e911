import { sql, type Kysely } from 'kysely'

/**
 * Several desks (issue 15). `desk_host` is one row: whether this clinic is shared on the
 * network, on which port, and the host's TLS identity. The identity lives in the clinic
 * file on purpose: a backup restored on another PC (the host PC failed) keeps the same
 * certificate, so every desk's pinned fingerprint still matches. `desks` holds each paired
 * desk: only a SHA-256 hash of its random credential is kept, never the credential itself.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('desk_host')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('sharing', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('port', 'integer', (c) => c.notNull().defaultTo(47_150))
    .addColumn('cert_pem', 'text') // null until sharing is first turned on
    .addColumn('key_pem', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await sql`INSERT INTO desk_host (id, updated_at) VALUES (1, ${new Date().toISOString()})`.execute(
    db,
  )
  await db.schema
    .createTable('desks')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('paired_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text')
    .addColumn('last_address', 'text')
    .addColumn('revoked_at', 'text')
    .execute()
}
