import { useEffect, useRef, useState } from 'react'
import { ClientLookup } from './ClientLookup'
import { clientHref } from './client-route'
import { confirmLeave } from './unsaved-guard'

/**
 * Ctrl/Cmd+K from any screen: the client lookup in a dialog, so reception can answer the
 * phone without leaving the diary. Escape closes it (even with text typed) and focus goes back where it was.
 */
export function SearchPalette() {
  const [open, setOpen] = useState(false)
  const dialogRef = useRef<HTMLDialogElement>(null)

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return
      const key = event.key.toLowerCase()
      if (key === 'k') {
        event.preventDefault()
        setOpen(true)
      } else if (key === 'b') {
        // Ctrl+B opens the booking dialog (BookingLauncher): it replaces the lookup rather
        // than opening on top of it.
        setOpen(false)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])

  return (
    <dialog
      ref={dialogRef}
      className="palette"
      aria-label="Find a client"
      onClose={() => setOpen(false)}
      onClick={(e) => {
        if (e.target === dialogRef.current) setOpen(false)
      }}
    >
      {open && (
        <ClientLookup
          autoFocus
          hideLabel
          label="Find a client"
          // Escape closes the lookup (a search box's own Escape would only clear it).
          onEscape={() => setOpen(false)}
          onOpen={(client) => {
            if (!confirmLeave()) return
            setOpen(false)
            window.location.hash = clientHref(client.id)
          }}
        />
      )}
    </dialog>
  )
}
