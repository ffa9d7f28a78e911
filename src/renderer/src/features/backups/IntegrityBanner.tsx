import { useState } from 'react'
import type { BackupInfo } from '../../../../shared/contract/backups'
import { useDatabaseHealth } from '../../api/backups'
import { Icon } from '../../components/Icon'
import { formatWhen } from './format'
import { RestoreDialog } from './RestoreDialog'

/**
 * Shown on every screen when the start-up check found damage: what it means, in plain
 * words, and the way back (the newest backup that passed its checks).
 */
export function IntegrityBanner() {
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
            {good ? (
              <>
                The newest good backup was taken on {formatWhen(good.createdAt)}.{' '}
                <button
                  type="button"
                  className="button danger small"
                  onClick={() => setRestoring(good)}
                >
                  Restore that backup…
                </button>{' '}
                (clinic owner; older backups are in{' '}
                <a href="#/settings/backups" className="banner-link">
                  Settings → Backups
                </a>
                ).
              </>
            ) : (
              'There is no backup that passed its checks on this computer: contact support before closing Plinth.'
            )}{' '}
            <span className="muted">Details: {health.data?.integrity.detail}</span>
          </div>
        </div>
      )}
      {restoring && <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} />}
    </>
  )
}
