import { X509Certificate } from 'node:crypto'
import type { Kysely } from 'kysely'
import { generate } from 'selfsigned'
import type { DB } from '../../db/schema'

export interface HostIdentity {
  certPem: string
  keyPem: string
  /** SHA-256 of the certificate, "AB:CD:…": what a desk pins and a person compares. */
  fingerprint: string
}

/** The SHA-256 fingerprint of a PEM certificate, as Node's TLS reports it (fingerprint256). */
export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256
}

export interface DeskHostSettings {
  sharing: boolean
  port: number
}

export async function getDeskHostSettings(db: Kysely<DB>): Promise<DeskHostSettings> {
  const row = await db
    .selectFrom('desk_host')
    .select(['sharing', 'port'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow()
  return { sharing: row.sharing === 1, port: row.port }
}

export async function updateDeskHostSettings(
  db: Kysely<DB>,
  settings: DeskHostSettings,
  now: Date,
): Promise<void> {
  await db
    .updateTable('desk_host')
    .set({ sharing: settings.sharing ? 1 : 0, port: settings.port, updated_at: now.toISOString() })
    .where('id', '=', 1)
    .execute()
}

/** The stored identity, or null before sharing was first turned on. */
export async function readHostIdentity(db: Kysely<DB>): Promise<HostIdentity | null> {
  const row = await db
    .selectFrom('desk_host')
    .select(['cert_pem', 'key_pem'])
    .where('id', '=', 1)
    .executeTakeFirst()
  if (!row?.cert_pem || !row.key_pem) return null
  return { certPem: row.cert_pem, keyPem: row.key_pem, fingerprint: fingerprintOf(row.cert_pem) }
}

/**
 * The host's TLS identity, made once (an EC P-256 key, a self-signed certificate valid for
 * 20 years: desks trust it by its pinned fingerprint, not by a CA or a date) and kept in the
 * clinic file. Generation is async, so call this outside any command's transaction.
 */
export async function ensureHostIdentity(
  db: Kysely<DB>,
  clinicName: string,
  now: Date,
): Promise<HostIdentity> {
  const existing = await readHostIdentity(db)
  if (existing) return existing
  const notAfter = new Date(now)
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 20)
  const pems = await generate([{ name: 'commonName', value: `Plinth host: ${clinicName}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate: notAfter,
  })
  await db
    .updateTable('desk_host')
    .set({ cert_pem: pems.cert, key_pem: pems.private, updated_at: now.toISOString() })
    .where('id', '=', 1)
    .where('cert_pem', 'is', null)
    .execute()
  return (await readHostIdentity(db))!
}
