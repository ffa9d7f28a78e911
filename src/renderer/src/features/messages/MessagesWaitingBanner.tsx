import { useOutboxStatus } from '../../api/messages'
import { Icon } from '../../components/Icon'

/**
 * "N messages waiting" above every screen while the sender cannot reach a server: they go
 * by themselves when the connection returns (issue 16).
 */
export function MessagesWaitingBanner() {
  const status = useOutboxStatus()
  const s = status.data
  if (!s || !s.offline || s.waiting === 0) return null
  return (
    <div className="banner banner-info" role="status">
      <Icon name="alert" />
      {s.waiting === 1 ? '1 message waiting' : `${s.waiting} messages waiting`}: no connection to
      the mail or SMS server. They will be sent when the connection returns.
    </div>
  )
}
