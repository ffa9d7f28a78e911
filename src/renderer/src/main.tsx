import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { RpcError } from '../../shared/rpc'
import { listenToPush } from './api/push'
import { App } from './App'
import './styles.css'

// Main refused because the session ended or locked (idle, or from another window):
// ask again who is signed in, and the gate shows the right screen.
// Main refused a save as stale (the record was saved elsewhere, a 'conflict'): everything
// cached is read again, so "Discard changes" or reopening the form starts from the latest
// version and its revision, while the form on screen keeps what was typed.
// Only a refused *save* rereads everything: a read that fails (say a damaged attachment)
// would otherwise invalidate itself and fail again, for ever, leaving "Loading…" on screen.
const onQueryError = (error: Error) => {
  if (error instanceof RpcError && error.code === 'unauthenticated') {
    void queryClient.invalidateQueries({ queryKey: ['auth'] })
  }
}
const onMutationError = (error: Error) => {
  onQueryError(error)
  if (error instanceof RpcError && error.code === 'conflict') {
    void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' })
  }
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onQueryError }),
  mutationCache: new MutationCache({ onError: onMutationError }),
  defaultOptions: {
    // Main is local: errors are real errors, not flaky networks worth retrying.
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 },
    mutations: { retry: false },
  },
})

listenToPush(queryClient)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
)
