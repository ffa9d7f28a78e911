import type Database from 'better-sqlite3'
import { attachKeyClause, type Keying } from './cipher'

/** The audit columns every Plinth file has had since migration 0020. */
const COLUMNS = 'at, user_id, username, action, entity_type, entity_id, summary, workstation'

/**
 * Copies into a database file about to replace the live one (a restore's candidate) every
 * audit entry the live file has and the candidate lacks, so the append-only audit log
 * survives a restore: who did what after the backup was taken is still on record.
 *
 * Entries after the candidate's last one keep their ids (the usual case: the backup's log is
 * a prefix of the live one). Entries up to that id that differ from the candidate's (a log
 * that diverged, e.g. a backup taken before an earlier restore that kept no history) are
 * appended after them with new ids, their times unchanged. Runs with no command in flight
 * (inside the swap); `sqlite` is the live connection. Returns how many entries were carried.
 */
export function carryAuditInto(
  sqlite: Database.Database,
  candidateFile: string,
  /** The candidate's key: by now the live file's own. */
  key: Keying,
): number {
  sqlite.prepare(`ATTACH DATABASE ? AS restored${attachKeyClause(key)}`).run(candidateFile)
  try {
    return sqlite.transaction(() => {
      const last =
        (
          sqlite.prepare('SELECT max(id) AS id FROM restored.audit_log').get() as {
            id: number | null
          }
        ).id ?? 0
      const later = sqlite
        .prepare(
          `INSERT INTO restored.audit_log (id, ${COLUMNS})
           SELECT id, ${COLUMNS} FROM main.audit_log WHERE id > ? ORDER BY id`,
        )
        .run(last).changes
      const diverged = sqlite
        .prepare(
          `INSERT INTO restored.audit_log (${COLUMNS})
           SELECT ${COLUMNS} FROM main.audit_log AS l
           WHERE l.id <= ? AND NOT EXISTS (
             SELECT 1 FROM restored.audit_log AS r
             WHERE r.id = l.id AND r.at = l.at AND r.action = l.action
               AND r.summary = l.summary AND r.user_id IS l.user_id)
           ORDER BY l.id`,
        )
        .run(last).changes
      return later + diverged
    })()
  } finally {
    // The candidate is renamed into place next: leave nothing of it in a write-ahead log.
    sqlite.pragma('restored.wal_checkpoint(TRUNCATE)')
    sqlite.prepare('DETACH DATABASE restored').run()
  }
}
