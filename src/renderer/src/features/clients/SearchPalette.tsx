import { useEffect, useRef, useState } from 'react'
import { ClientLookup } from './ClientLookup'
import { clientHref } from './client-route'
import { confirmLeave } from './unsaved-guard'

/**
 * Ctrl/Cmd+K from any screen: the client lookup in a dialog, so reception can answer the
 * phone without leaving the diary. Escape closes it and focus goes back where it was.
 */
export function SearchPalette() {
  const [open, setOpen] = useState(false)
  const dialogRef = useRef<HTMLDialogElement>(null)

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault()
        setOpen(true)
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
