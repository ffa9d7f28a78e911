import type { ReactNode } from 'react'
import { Icon } from '../../components/Icon'

/**
 * What a till dialog shows once its command is done: the outcome, announced, then any
 * follow-up (Print receipt) and Done, which has the focus so Enter closes the dialog.
 */
export function DonePanel({
  children,
  actions,
  onClose,
}: {
  children: ReactNode
  actions?: ReactNode
  onClose(): void
}) {
  return (
    <div className="checkout-done">
      <p className="banner banner-ok" role="status">
        <Icon name="check" /> {children}
      </p>
      <div className="form-actions">
        {actions}
        <button type="button" className="button primary" autoFocus onClick={onClose}>
          Done
        </button>
      </div>
    </div>
  )
}
