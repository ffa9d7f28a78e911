import { DomainError } from '../../services/domain-error'
import { getBackupSettings, updateBackupSettings } from '../../services/backups/backup-settings'
import {
  forgetBackupPassphrase,
  readBackupKey,
  saveBackupPassphrase,
} from '../../services/backups/key-file'
import { assertWritableFolder } from '../../services/backups/writable-folder'
import { audited } from './audited'
import type { HandlersOf } from './types'

// Backups and restore touch files and swap the database, so none of it may run inside the
// command's transaction: these handlers start a job on the core and return at once.
export const backupsHandlers: HandlersOf<'backups.'> = {
  'backups.list': async ({ core }) => core.backups.list(),

  'backups.settings': ({ db, core }) =>
    getBackupSettings(db, core.backups.file, readBackupKey(core.backups.file) !== null),

  'backups.updateSettings': audited(async ({ db, now, core }, input) => {
    const file = core.backups.file
    const { passphrase, ...settings } = input
    const hasKey = readBackupKey(file) !== null
    if (settings.encrypt && !hasKey && !passphrase) {
      throw new DomainError('rule_broken', 'Choose a passphrase to encrypt backups with.', [
        { path: 'passphrase', message: 'Enter a passphrase to encrypt backups with' },
      ])
    }
    if (settings.folder !== '') assertWritableFolder(settings.folder)
    const changed = await updateBackupSettings(db, settings, now)
    if (settings.encrypt && passphrase) {
      await saveBackupPassphrase(file, passphrase)
      changed.push('passphrase')
    } else if (!settings.encrypt && hasKey) {
      forgetBackupPassphrase(file)
    }
    return {
      value: await getBackupSettings(db, file, readBackupKey(file) !== null),
      audit: changed.length > 0 && {
        entityType: 'backup_settings',
        entityId: 1,
        summary: `Changed ${changed.join(', ')}`,
      },
    }
  }),

  'backups.create': audited(async ({ core }) => ({
    value: core.backups.startBackup(),
    audit: { entityType: 'backup', summary: 'Started a backup' },
  })),

  'backups.restore': audited(async ({ core, session }, { name, passphrase }) => {
    const job = await core.backups.startRestore(
      name,
      passphrase || undefined,
      core.backups.actorFor(session),
    )
    // Recorded here (so the backup taken just before the restore holds it) and again in the
    // restored database once the restore has finished.
    return {
      value: job,
      audit: {
        action: 'backups.restoreStarted',
        entityType: 'backup',
        entityId: name,
        summary: 'Started restoring the database from a backup',
      },
    }
  }),

  'backups.job': async ({ core }, { id }) => core.backups.job(id),

  'backups.health': async ({ core }) => core.backups.health(),
}
