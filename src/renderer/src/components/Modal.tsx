import { useEffect, useId, useRef, type ReactNode } from 'react'
import './modal.css'

/**
 * A native modal <dialog>: the browser traps focus, Escape closes it and the rest of the
 * page is inert for screen readers, with no focus-trap library to keep up to date.
 */
export function Modal({
  title,
  onClose,
  children,
  wide = false,
}: {
  title: string
  onClose(): void
  children: ReactNode
  wide?: boolean
}) {
  const ref = useRef<HTMLDialogElement>(null)
  // Unique per dialog: a dialog opened from another (Take payment from an appointment)
  // must be named by its own title, not the first one's.
  const titleId = useId()
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    // showModal() focuses the first focusable element (the Close button); the form says
    // where typing should start instead.
    dialog?.querySelector<HTMLElement>('[data-autofocus]')?.focus()
    return () => dialog?.close()
  }, [])
  return (
    <dialog
      ref={ref}
      className={wide ? 'modal wide' : 'modal'}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
    >
      <div className="modal-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="button link modal-close" onClick={onClose}>
          Close <kbd>Esc</kbd>
        </button>
      </div>
      {children}
    </dialog>
  )
}
