import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'

export interface AuditEntry {
  /** e.g. "settings.update", "auth.sign-in-failed", "note.open". */
  action: string
  entityType?: string
  entityId?: string | number
  /** Short and free of health details: "Changed clinic name", never a diagnosis. */
  summary?: string
  /** Who it concerns when the caller has no session yet (sign-in, failed sign-in, unlock). */
  as?: { userId: number | null; username: string | null }
}

export interface AuditActor {
  userId: number | null
  username: string | null
  workstation: string
}

/**
 * Writes one audit row. Call it with the command's own transaction, so the record of a
 * change commits or rolls back together with the change itself.
 */
export async function writeAudit(
  db: Kysely<DB>,
  actor: AuditActor,
  entry: AuditEntry,
  now: Date,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: now.toISOString(),
      user_id: entry.as ? entry.as.userId : actor.userId,
      username: entry.as ? entry.as.username : actor.username,
      action: entry.action,
      entity_type: entry.entityType ?? null,
      entity_id: entry.entityId === undefined ? null : String(entry.entityId),
      summary: entry.summary ?? '',
      workstation: actor.workstation,
    })
    .execute()
}
