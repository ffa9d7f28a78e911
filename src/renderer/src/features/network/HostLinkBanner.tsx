import { useLeaveClinic } from '../../api/link'
import { useLinkStatus } from '../../api/push'
import { Icon } from '../../components/Icon'

const HEADLINES = {
  reconnecting: 'Lost touch with the clinic’s host.',
  not_paired: 'This computer is no longer paired with the clinic.',
  version_mismatch: 'This computer and the clinic’s host run different versions of Plinth.',
} as const

/**
 * On a desk, whenever its link to the host is down: what happened, in plain words, and
 * that Plinth keeps trying. Forms stay as they are, so nothing typed is lost meanwhile.
 */
export function HostLinkBanner() {
  const { state, detail } = useLinkStatus()
  const leave = useLeaveClinic()
  if (state === 'connected') return null
  return (
    <div className="banner banner-error host-link-banner" role="alert">
      <Icon name="alert" />
      <div>
        <strong>{HEADLINES[state]}</strong> {detail}
        {state === 'reconnecting' && (
          <> What you have typed stays on screen; save it again once the host is back.</>
        )}
        {state === 'not_paired' && (
          <>
            {' '}
            <button
              type="button"
              className="button small secondary"
              disabled={leave.isPending}
              onClick={() => leave.mutate()}
            >
              Pair again
            </button>
          </>
        )}
      </div>
    </div>
  )
}
