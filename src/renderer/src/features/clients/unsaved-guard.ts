import { useEffect } from 'react'

// One place that knows whether a client form has unsaved edits, so leaving it — by a link,
// the Ctrl+K lookup or closing the window — can warn first. The typing itself is kept as a
// draft either way (client-drafts.ts); the warning is so nobody thinks it was saved.
let unsaved: string | null = null
let consequence = 'What you typed is kept as a draft until you save or discard it.'

/** `what` has unsaved edits (null: nothing); `then` says what leaving would do to them. */
export function setUnsaved(
  what: string | null,
  then = 'What you typed is kept as a draft until you save or discard it.',
): void {
  unsaved = what
  consequence = then
}

/** True when it is fine to navigate away (nothing unsaved, or the user said so). */
export function confirmLeave(): boolean {
  if (!unsaved) return true
  const ok = window.confirm(`${unsaved} has unsaved changes. Leave anyway? ${consequence}`)
  if (ok) unsaved = null
  return ok
}

/**
 * While `active`, leaving by an in-app link (sidebar, breadcrumbs) asks confirmLeave first,
 * and closing the window asks the browser's own question.
 */
export function useLeaveGuard(active: boolean): void {
  useEffect(() => {
    if (!active) return
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault()
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.('a[href^="#"]')
      if (!link || link.getAttribute('href') === window.location.hash) return
      if (!confirmLeave()) event.preventDefault()
    }
    window.addEventListener('beforeunload', onBeforeUnload)
    document.addEventListener('click', onClick, true)
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload)
      document.removeEventListener('click', onClick, true)
    }
  }, [active])
}
