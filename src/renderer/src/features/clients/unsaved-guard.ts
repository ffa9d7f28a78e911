// One place that knows whether a client form has unsaved edits, so leaving it — by a link,
// the Ctrl+K lookup or closing the window — can warn first. The typing itself is kept as a
// draft either way (client-drafts.ts); the warning is so nobody thinks it was saved.
let unsaved: string | null = null

export function setUnsaved(what: string | null): void {
  unsaved = what
}

/** True when it is fine to navigate away (nothing unsaved, or the user said so). */
export function confirmLeave(): boolean {
  if (!unsaved) return true
  const ok = window.confirm(
    `${unsaved} has unsaved changes. Leave anyway? What you typed is kept as a draft until you save or discard it.`,
  )
  if (ok) unsaved = null
  return ok
}
