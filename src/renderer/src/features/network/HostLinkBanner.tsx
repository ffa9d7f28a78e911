import { useLastDaySheet } from '../../api/kept'
import { useLeaveClinic } from '../../api/link'
import { useLinkStatus } from '../../api/push'
import { formatInstant } from '../../clinic-time'
import { Icon } from '../../components/Icon'
import { printKeptDaySheet } from './KeptDaySheetScreen'

const HEADLINES = {
  reconnecting:
    'Host unreachable — your typing is kept on this desk and will be saved when it returns.',
  not_paired: 'This computer is no longer paired with the clinic.',
  version_mismatch: 'This computer and the clinic’s host run different versions of Plinth.',
} as const

/**
 * On a desk, whenever its link to the host is down: what happened, in plain words, and
 * that Plinth keeps trying. Note drafts typed meanwhile are kept sealed on the desk and
 * saved when the host is back; the day sheet the desk last had can still be printed.
 */
export function HostLinkBanner() {
  const { state, detail } = useLinkStatus()
  const leave = useLeaveClinic()
  const sheet = useLastDaySheet(state === 'reconnecting')
  if (state === 'connected') return null
  return (
    <div className="banner banner-error host-link-banner no-print" role="alert">
      <Icon name="alert" />
      <div>
        <strong>{HEADLINES[state]}</strong> {detail}
        {state === 'reconnecting' && sheet.data && (
          <>
            {' '}
            <button
              type="button"
              className="button small secondary"
              onClick={() => printKeptDaySheet()}
            >
              Print last day sheet (as of {formatInstant(sheet.data.fetchedAt, 'HH:mm')})
            </button>
          </>
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
