import { dirname } from 'node:path'
import { DatabaseKeyError, UNENCRYPTED, type Keying } from '../../db/cipher'
import { migrations as knownMigrations } from '../../db/migrations'
import { DomainError } from '../domain-error'
import { restoreAttachmentsFromStore } from './attachment-store'
import { keyHexOf, type InspectedDatabase } from '../../db/file-tasks'
import { runOffThread } from '../../db/off-thread'
import type { BackupOpening } from './backup-keying'
import { databaseSha256Of } from './file-hash'
import { decryptFile, WrongPassphraseError } from './encryption'
import type { FoundBackup } from './manifest'
import type { Progress } from './take-backup'
import { copyDurably } from './durable-copy'

/**
 * Makes a restore's candidate file from a backup, beside the live file, and checks it before
 * anything live changes: the bytes are the ones the manifest describes, it opens with its
 * key, passes quick_check and holds no migration this Plinth does not know. Its note
 * attachments go back into the live folder first (adding files is harmless even if the swap
 * then fails). Last, it is re-keyed to the live file's own key, so the clinic keeps one key
 * whatever the backup was made with (a passphrase, another clinic key, none at all).
 *
 * @returns the attachments that could not be put back (missing or damaged in the backup),
 *   and every attachment the backup's database refers to
 * @throws DomainError or WrongPassphraseError when the backup cannot be restored
 */
/** Said of a backup whose bytes differ from its manifest's hash. */
export const BACKUP_CHANGED =
  'This backup file has changed since it was written, so it cannot be trusted. Choose another.'

export async function prepareCandidate(options: {
  backup: FoundBackup
  opening: BackupOpening
  candidate: string
  liveKey: Keying
  attachmentsDir: string
  progress: Progress
}): Promise<{ unusable: string[]; attachments: string[] }> {
  const { backup, opening, candidate } = options
  if (opening.kind === 'sealed') await decryptFile(backup.file, candidate, opening.key)
  else await copyDurably(backup.file, candidate)
  if ((await databaseSha256Of(candidate)) !== backup.manifest.databaseSha256) {
    throw new DomainError('rule_broken', BACKUP_CHANGED)
  }
  const candidateKey: Keying = opening.kind === 'keyed' ? opening.key : UNENCRYPTED
  let checked: InspectedDatabase
  try {
    // In a worker thread: quick_check of a large clinic takes seconds (issue 19).
    checked = await runOffThread('inspect', { file: candidate, key: keyHexOf(candidateKey) })
  } catch (error) {
    // The file matched its manifest's hash, so the key is what is wrong: a passphrase.
    if (error instanceof DatabaseKeyError) throw new WrongPassphraseError()
    throw error
  }
  if (checked.quickCheck.join() !== 'ok') {
    throw new DomainError(
      'rule_broken',
      'This backup is damaged (it fails SQLite’s check). Choose another.',
    )
  }
  const unknown = checked.migrations.filter((m) => !Object.hasOwn(knownMigrations, m))
  if (unknown.length > 0) {
    throw new DomainError(
      'rule_broken',
      'This backup was made by a newer version of Plinth. Install that version to restore it.',
    )
  }

  options.progress('Putting back note attachments', 20)
  // The backup's own database says which files belong with it.
  const attachments = backup.manifest.attachments
    ? await restoreAttachmentsFromStore({
        hashes: checked.attachments,
        folder: dirname(backup.file),
        to: options.attachmentsDir,
        key:
          opening.kind === 'keyed'
            ? opening.attachmentsKey
            : opening.kind === 'sealed'
              ? opening.key
              : null,
      })
    : null
  await runOffThread('rekey', {
    file: candidate,
    from: keyHexOf(candidateKey),
    to: keyHexOf(options.liveKey),
  })
  return { unusable: attachments?.unusable ?? [], attachments: checked.attachments }
}
