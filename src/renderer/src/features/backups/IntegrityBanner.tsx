import { useDatabaseHealth } from '../../api/backups'
import { Icon } from '../../components/Icon'
import { formatWhen } from './format'

/**
 * Shown on every screen when the start-up check found damage: what it means, in plain
 * words, and the way back (the newest backup that passed its checks).
 */
export function IntegrityBanner() {
  const health = useDatabaseHealth()
  if (health.data?.integrity.state !== 'failed') return null
  const good = health.data.newestGoodBackup
  return (
    <div className="banner banner-error integrity-banner" role="alert">
      <Icon name="alert" />
      <div>
        <strong>Plinth found damage in the clinic’s database.</strong> Some records may be missing
        or wrong. Stop entering new information and restore a backup.{' '}
        {good ? (
          <>
            The newest good backup was taken on {formatWhen(good.createdAt)}.{' '}
            <a href="#/settings" className="banner-link">
              Restore it from Settings → Backups
            </a>{' '}
            (clinic owner).
          </>
        ) : (
          'There is no backup that passed its checks on this computer: contact support before closing Plinth.'
        )}{' '}
        <span className="muted">Details: {health.data.integrity.detail}</span>
      </div>
    </div>
  )
}
