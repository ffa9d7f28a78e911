import { useEffect } from 'react'

/**
 * Ctrl+S (⌘S) saves the form you are in, whichever it is: the form holding the focused field,
 * else the one form on screen marked `data-save-shortcut` (the client and clinic-details
 * forms, which saved that way before). A user trial pressed Ctrl+S in a therapist's form,
 * which had no handler of its own, and lost the change. Submitting through `requestSubmit`
 * runs the form's own submit, with its checks and errors, as its Save button would.
 */
export function useSaveShortcut(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 's') return
      if (event.altKey || event.shiftKey) return
      // Never the browser's "save page".
      event.preventDefault()
      const focused = document.activeElement
      const form =
        (focused instanceof HTMLElement ? focused.closest('form') : null) ?? onlyMarkedForm()
      if (form && !form.closest('[inert]')) form.requestSubmit()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}

function onlyMarkedForm(): HTMLFormElement | null {
  const marked = document.querySelectorAll<HTMLFormElement>('form[data-save-shortcut]')
  return marked.length === 1 ? marked[0]! : null
}
