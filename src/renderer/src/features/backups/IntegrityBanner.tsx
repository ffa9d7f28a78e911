import { useState } from 'react'
import type { BackupInfo } from '../../../../shared/contract/backups'
import { useDatabaseHealth } from '../../api/backups'
import { Icon } from '../../components/Icon'
import { formatWhen } from './format'
import { RestoreDialog } from './RestoreDialog'

/**
 * Shown on every screen when the start-up check found damage: what it means, in plain
 * words, and the way back (the newest backup that passed its checks). Only the owner may
 * restore (main refuses anyone else), so only the owner is offered the button; SQLite's own
 * report is behind "Technical details", for support.
 */
export function IntegrityBanner({ canRestore }: { canRestore: boolean }) {
  const health = useDatabaseHealth()
  // Outside the banner: once restored, the banner goes but the dialog's result stays.
  const [restoring, setRestoring] = useState<BackupInfo | null>(null)
  const failed = health.data?.integrity.state === 'failed'
  const good = health.data?.newestGoodBackup ?? null
  return (
    <>
      {failed && (
        <div className="banner banner-error integrity-banner" role="alert">
          <Icon name="alert" />
          <div>
            <strong>Plinth found damage in the clinic’s database.</strong> Some records may be
            missing or wrong. Stop entering new information and restore a backup.{' '}
            {good && canRestore ? (
              <>
                The newest good backup was taken on {formatWhen(good.createdAt)}.{' '}
                <button
                  type="button"
                  className="button danger small"
                  onClick={() => setRestoring(good)}
                >
                  Restore that backup…
                </button>{' '}
                (older backups are in{' '}
                <a href="#/settings/backups" className="banner-link">
                  Settings → Backups
                </a>
                ).
              </>
            ) : good ? (
              <>
                The newest good backup was taken on {formatWhen(good.createdAt)}: ask the clinic
                owner to sign in here and restore it.
              </>
            ) : (
              'There is no backup that passed its checks on this computer: contact support before closing Plinth.'
            )}
            {health.data?.integrity.detail && (
              <details className="integrity-details">
                <summary>Technical details</summary>
                <pre tabIndex={0}>{health.data.integrity.detail}</pre>
              </details>
            )}
          </div>
        </div>
      )}
      {restoring && <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} />}
    </>
  )
}
