import { rmSync } from 'node:fs'
import { basename } from 'node:path'
import type { Connection } from '../../db/connection'
import type { Keying } from '../../db/cipher'
import type { LiveDatabase } from '../../db/live-database'
import { carryAuditInto, type CarriedAudit } from '../../db/audit-carry-over'
import {
  readBackupSettingsRow,
  writeBackupSettingsRow,
  type BackupSettingsRow,
} from '../../db/backup-settings-carry'
import { candidateFileOf, swapInDatabase } from '../../db/restore-swap'
import type { Logger } from '../../log'
import { writeAudit, type AuditActor } from '../audit'
import { attachmentsDirOf, removeUnreferencedAttachments } from './attachment-store'
import { allReferencedAttachments } from '../../db/attachment-references'
import type { BackupOpening } from './backup-keying'
import type { FoundBackup } from './manifest'
import { prepareCandidate } from './restore-candidate'
import type { Progress, TakenBackup } from './take-backup'

/** What a restore needs of the backup service that runs it. */
export interface RestoreContext {
  file: string
  liveKey: Keying
  live: LiveDatabase
  reopen: (file: string) => Promise<Connection>
  log: Logger
  now: () => Date
  /** A backup of the live state, unqueued (the restore already holds the queue). */
  takePreRestore: (progress: Progress) => Promise<TakenBackup>
}

/**
 * One restore, start to finish: the candidate made and checked beside the live file (in a
 * worker thread), the live state backed up first, the audit log carried over, the files
 * swapped with no command in flight, the restore audited, and the attachment files of notes
 * the restored file does not have removed (they are in the backup just taken). Returns the
 * outcome in words for the job's message.
 */
export async function restoreFromBackup(
  context: RestoreContext,
  found: FoundBackup,
  opening: BackupOpening,
  actor: AuditActor,
  progress: Progress,
): Promise<string> {
  const { file, live, log } = context
  const candidate = candidateFileOf(file)
  rmSync(candidate, { force: true })
  try {
    progress('Checking the backup', 10)
    const { unusable } = await prepareCandidate({
      backup: found,
      opening,
      candidate,
      liveKey: context.liveKey,
      attachmentsDir: attachmentsDirOf(file),
      progress,
    })
    if (unusable.length > 0) {
      log.error('attachments in the backup could not be restored', { unusable })
    }

    progress('Saving the current state first', 30)
    let before: TakenBackup | null = null
    let keepOldAs: string | undefined
    try {
      before = await context.takePreRestore((stage, percent) =>
        progress(`Saving the current state first: ${stage.toLowerCase()}`, 30 + percent * 0.4),
      )
    } catch (error) {
      // A damaged database fails the backup's checks, and a damaged database is exactly
      // when a restore is needed: keep the old file itself, untouched, instead.
      keepOldAs = `${file}.damaged-${context.now().toISOString().replace(/[:.]/g, '-')}`
      log.error('could not back up the database before restoring; keeping the file', {
        keepOldAs,
        error: String(error),
      })
    }

    progress('Replacing the database', 75)
    // The audit log is append-only: entries written since the backup outlive the restore.
    // The backup settings are this computer's arrangement, not the clinic's records: kept too.
    let carried: CarriedAudit = { carried: 0, unreadable: [] }
    let keptSettings: BackupSettingsRow | null = null
    await swapInDatabase(live, file, candidate, context.reopen, keepOldAs, (current) => {
      carried = carryAuditInto(current.sqlite, candidate, context.liveKey)
      keptSettings = readBackupSettingsRow(current.sqlite)
    })
    if (keptSettings) {
      const row = keptSettings
      await live.exclusive(async (current) => {
        writeBackupSettingsRow(current.sqlite, row)
        return current
      })
    }
    if (carried.unreadable.length > 0) {
      log.error('audit entries of the damaged file could not be read', {
        ids: carried.unreadable,
      })
    }
    // Only once the state before is safe in a backup (its store holds these files): a file
    // kept aside as damaged still refers to them, so then they stay.
    const orphans = before ? await removeOrphanAttachments(live, file) : 0
    if (orphans > 0)
      log.info('removed attachment files of notes the restored file lacks', { orphans })

    progress('Recording the restore', 95)
    const taken = new Date(found.manifest.createdAt)
    await writeAudit(
      live.db,
      actor,
      {
        action: 'backups.restore',
        entityType: 'backup',
        entityId: found.manifest.name,
        summary: `Restored the database from the backup of ${taken.toISOString()}; the state before was kept as ${before?.manifest.name ?? basename(keepOldAs!)}; ${carriedWords(carried)}`,
      },
      context.now(),
    )
    const kept = before
      ? 'The data as it was just before is kept as a backup marked “Before a restore”.'
      : `The data as it was could not be backed up because it is damaged; the file itself was kept as ${keepOldAs}.`
    const lost =
      unusable.length > 0
        ? ` ${unusable.length} note attachment${unusable.length === 1 ? '' : 's'} could not be put back: the backup’s cop${unusable.length === 1 ? 'y is' : 'ies are'} missing or damaged.`
        : ''
    return kept + lost
  } finally {
    rmSync(candidate, { force: true })
  }
}

/** "3 later audit entries carried over", and the ids the damage made unreadable, if any. */
function carriedWords({ carried, unreadable }: CarriedAudit): string {
  const words = `${carried} later audit entr${carried === 1 ? 'y' : 'ies'} carried over`
  if (unreadable.length === 0) return words
  const ids = unreadable.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(', ')
  return `${words}; audit entries ${ids} of the damaged file could not be read (the file is kept)`
}

/**
 * The restored file's records (notes, exercises, kept documents) decide which attachment
 * files stay. Read and removed with no
 * command in flight, so a photo being attached right now (file first, then its row) is
 * never taken for an orphan.
 */
async function removeOrphanAttachments(live: LiveDatabase, file: string): Promise<number> {
  let removed = 0
  await live.exclusive(async (current) => {
    const referenced = await allReferencedAttachments(current.db)
    removed = removeUnreferencedAttachments(attachmentsDirOf(file), referenced).length
    return current
  })
  return removed
}
