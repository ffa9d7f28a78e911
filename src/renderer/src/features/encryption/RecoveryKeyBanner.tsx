import { useRecoveryKeyState } from '../../api/encryption'
import { Icon } from '../../components/Icon'

/**
 * Above every screen for the owner while the recovery key was shown and not confirmed as
 * printed: without it the records cannot be opened on another computer. (A user trial
 * reloaded before ticking "I have printed it" and was never asked again.)
 */
export function RecoveryKeyBanner({ isOwner }: { isOwner: boolean }) {
  const state = useRecoveryKeyState(isOwner)
  if (!isOwner || !state.data?.unconfirmed) return null
  return (
    <div className="banner banner-warn" role="status">
      <Icon name="alert" /> The recovery key has not been confirmed as printed. Without it the
      records cannot be opened if this computer is lost.{' '}
      <a href="#/settings/security">Print it now</a>
    </div>
  )
}
