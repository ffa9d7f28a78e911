import { useEffect, useId, useSyncExternalStore } from 'react'

// Forms with typing not yet saved, and a move away from them waiting for an answer. Moving
// to another screen unmounts a form and drops what it held: a user trial edited a
// therapist's name, pressed Alt+1 and lost it without a word. useRoute asks here first.

const dirty = new Map<string, string>()
let pending: string | null = null
const listeners = new Set<() => void>()
const emit = () => listeners.forEach((l) => l())

/**
 * Declares that this form holds unsaved typing while `isDirty` is true; `what` names it in
 * the question ("the therapist Sam Patel"). Unregistered when the form goes.
 */
export function useUnsavedGuard(isDirty: boolean, what: string): void {
  const id = useId()
  useEffect(() => {
    if (isDirty) dirty.set(id, what)
    else dirty.delete(id)
    return () => {
      dirty.delete(id)
    }
  }, [id, isDirty, what])
}

/** What would be lost by leaving now, or null. */
export function unsavedWork(): string | null {
  const names = [...dirty.values()]
  return names.length === 0 ? null : names.join(', ')
}

/** A move to `hash` held back until the person says leave or stay. */
export function holdNavigation(hash: string): void {
  pending = hash
  emit()
}

export function usePendingNavigation(): string | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => pending,
  )
}

/** Stay: the move is dropped, the typing kept. */
export function stayHere(): void {
  pending = null
  emit()
}

/** Leave: the unsaved typing is given up knowingly, and the move goes ahead. */
export function leaveAnyway(): void {
  const to = pending
  pending = null
  dirty.clear()
  emit()
  if (to !== null) window.location.hash = to
}
