import type Database from 'better-sqlite3'
import { attachKeyClause, type Keying } from './cipher'

/** The audit columns every Plinth file has had since migration 0020. */
const COLUMNS = 'at, user_id, username, action, entity_type, entity_id, summary, workstation'

/** What a carry-over copied, and which ids of the live log could not be read. */
export interface CarriedAudit {
  carried: number
  /** Id ranges [from, to] of the live log lost to damage (empty when the file is sound). */
  unreadable: [number, number][]
}

/**
 * Copies into a database file about to replace the live one (a restore's candidate) every
 * audit entry the live file has and the candidate lacks, so the append-only audit log
 * survives a restore: who did what after the backup was taken is still on record.
 *
 * Entries after the candidate's last one keep their ids (the usual case: the backup's log is
 * a prefix of the live one). Entries up to that id that differ from the candidate's (a log
 * that diverged, e.g. a backup taken before an earlier restore that kept no history) are
 * appended after them with new ids, their times unchanged. Runs with no command in flight
 * (inside the swap); `sqlite` is the live connection.
 *
 * A damaged live file is exactly when a restore is needed, and the audit log is its largest
 * table, so damage often lands there (a user trial's restore failed on "database disk image
 * is malformed" and the clinic stayed unusable). When reading the live log fails as corrupt,
 * the later entries are salvaged range by range, halving around the damage, and the ids that
 * could not be read are returned for the restore to record; the diverged comparison is then
 * skipped (it would read the whole damaged log). Other errors are thrown.
 */
export function carryAuditInto(
  sqlite: Database.Database,
  candidateFile: string,
  /** The candidate's key: by now the live file's own. */
  key: Keying,
): CarriedAudit {
  sqlite.prepare(`ATTACH DATABASE ? AS restored${attachKeyClause(key)}`).run(candidateFile)
  try {
    const last =
      (
        sqlite.prepare('SELECT max(id) AS id FROM restored.audit_log').get() as {
          id: number | null
        }
      ).id ?? 0
    try {
      return { carried: carryWhole(sqlite, last), unreadable: [] }
    } catch (error) {
      if (!isCorrupt(error)) throw error
      return salvageLater(sqlite, last)
    }
  } finally {
    // The candidate is renamed into place next: leave nothing of it in a write-ahead log.
    sqlite.pragma('restored.wal_checkpoint(TRUNCATE)')
    sqlite.prepare('DETACH DATABASE restored').run()
  }
}

function carryWhole(sqlite: Database.Database, last: number): number {
  return sqlite.transaction(() => {
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
}

/** SQLITE_CORRUPT and SQLITE_NOTADB (and their extended codes) say the file is damaged. */
export function isCorrupt(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code)
}

/** The live log's highest id, from the table or, if that page is damaged, its sequence. */
function liveTop(sqlite: Database.Database, last: number): number {
  const tries = [
    'SELECT max(id) AS id FROM main.audit_log',
    "SELECT seq AS id FROM main.sqlite_sequence WHERE name = 'audit_log'",
  ]
  for (const q of tries) {
    try {
      const id = (sqlite.prepare(q).get() as { id: number | null } | undefined)?.id
      if (typeof id === 'number') return id
    } catch (error) {
      if (!isCorrupt(error)) throw error
    }
  }
  // Neither could be read: look a long way past the candidate's end (ranges are cheap).
  return last + 1_000_000
}

function salvageLater(sqlite: Database.Database, last: number): CarriedAudit {
  const copy = sqlite.prepare(
    `INSERT INTO restored.audit_log (id, ${COLUMNS})
     SELECT id, ${COLUMNS} FROM main.audit_log WHERE id > ? AND id <= ? ORDER BY id`,
  )
  const unreadable: [number, number][] = []
  const lose = (from: number, to: number) => {
    const previous = unreadable.at(-1)
    if (previous && previous[1] === from) previous[1] = to
    else unreadable.push([from + 1, to])
  }
  let carried = 0
  // A damaged root page fails every range: past this many failures the rest is given up
  // rather than probed id by id (each probe is cheap, a million of them are not).
  let failures = 0
  // Each attempt is its own transaction: a range that fails part-way leaves nothing behind.
  // (Not one outer transaction: its COMMIT fails as corrupt once a read of the damaged file
  // has, and the candidate is not live yet, so what was carried so far may stay.)
  const attempt = sqlite.transaction((from: number, to: number) => copy.run(from, to).changes)
  const carry = (from: number, to: number): void => {
    try {
      carried += attempt(from, to)
    } catch (error) {
      if (!isCorrupt(error)) throw error
      failures += 1
      if (to - from <= 1 || failures > 20_000) {
        lose(from, to)
        return
      }
      const middle = Math.floor((from + to) / 2)
      carry(from, middle)
      carry(middle, to)
    }
  }
  carry(last, liveTop(sqlite, last))
  return { carried, unreadable }
}
