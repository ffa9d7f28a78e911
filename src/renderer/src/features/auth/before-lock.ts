import type { QueryClient } from '@tanstack/react-query'

/**
 * What must be saved before the screen locks (issue 12): a note editor's unsaved typing is
 * sent to main first, because the lock then drops it from memory and main refuses saves
 * from a locked window. Editors register their flush while they are mounted.
 */
const savers = new Set<() => Promise<unknown>>()

/** Registers a save to run before any lock; returns the unregister function. */
export function saveBeforeLock(save: () => Promise<unknown>): () => void {
  savers.add(save)
  return () => savers.delete(save)
}

/** Runs every registered save (a failed one is kept by its editor and shown after unlock). */
export async function saveAllBeforeLock(): Promise<void> {
  await Promise.allSettled([...savers].map((save) => save()))
}

/**
 * Once locked or signed out: nothing read while signed in (a treatment note, a client's
 * record) may stay in the renderer's memory behind the lock screen. Every cached query but
 * who is signed in goes, and so do finished mutations, which keep the text they sent (a
 * note's saved draft) for minutes otherwise. Client-form drafts that were never saved stay
 * (client-drafts.ts): they are the person's own typing and would otherwise be lost.
 */
export function forgetWhatWasShown(
  queryClient: QueryClient,
  authKey: readonly unknown[],
  /** Roots of queries the screen now shown reads (a client's handed-over form): kept. */
  keep: readonly unknown[] = [],
): void {
  queryClient.removeQueries({
    predicate: (q) => q.queryKey[0] !== authKey[0] && !keep.includes(q.queryKey[0]),
  })
  const mutations = queryClient.getMutationCache()
  // clear() forgets them but leaves each one's garbage-collection timer holding it (and its
  // text) until gcTime is up: destroy() cancels the timer, so memory lets go now.
  for (const mutation of mutations.getAll()) mutation.destroy()
  mutations.clear()
}
