import type { ReactNode } from 'react'
import { Modal } from './Modal'

/**
 * An in-app "are you sure?" in place of window.confirm, on the app's one modal (the native
 * <dialog> every dialog uses: focus kept inside, Escape cancels, the page behind inert).
 * Cancel takes the focus, so Enter on a destructive question does nothing harmful.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  danger = false,
  busy = false,
  onConfirm,
  onCancel,
}: {
  title: string
  children: ReactNode
  confirmLabel: string
  /** What keeping things as they are is called here ("Keep the draft"). */
  cancelLabel?: string
  danger?: boolean
  busy?: boolean
  onConfirm(): void
  onCancel(): void
}) {
  return (
    <Modal title={title} onClose={() => !busy && onCancel()}>
      {/* One child: the modal pads each of its children as a block. */}
      <div>
        {children}
        <div className="form-actions">
          <button
            type="button"
            className="button secondary"
            data-autofocus
            onClick={onCancel}
            disabled={busy}
          >
            {cancelLabel}
          </button>
          <button
            type="button"
            className={danger ? 'button danger' : 'button primary'}
            onClick={onConfirm}
            disabled={busy}
          >
            {confirmLabel}
          </button>
        </div>
      </div>
    </Modal>
  )
}
