import { useSyncExternalStore } from 'react'
import type { QueryClient } from '@tanstack/react-query'
import type { LinkState } from '../../../shared/change-events'

interface LinkStatus {
  state: LinkState
  detail: string | null
}

let status: LinkStatus = { state: 'connected', detail: null }
const watchers = new Set<() => void>()

/**
 * Listens to what main pushes: a change committed elsewhere (another desk, the host's own
 * window) makes every cached query stale, and those on screen refetch at once (issue 15);
 * the desk link's state drives the "host unreachable" banner. Call once, at start-up.
 */
export function listenToPush(queryClient: QueryClient): () => void {
  return (
    window.plinth.subscribe?.((message) => {
      if (message.type === 'change' && message.event.method === 'link.kept') {
        // Only what this desk keeps changed (a kept save went through, or was refused).
        void queryClient.invalidateQueries({ queryKey: ['link'] })
      } else if (message.type === 'change') {
        void queryClient.invalidateQueries()
      } else {
        status = { state: message.state, detail: message.detail }
        for (const watcher of watchers) watcher()
      }
    }) ?? (() => {})
  )
}

/** The desk link's state; always "connected" on a host or a single computer. */
export function useLinkStatus(): LinkStatus {
  return useSyncExternalStore(
    (watch) => {
      watchers.add(watch)
      return () => watchers.delete(watch)
    },
    () => status,
  )
}
