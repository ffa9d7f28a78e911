import { useQuery, useQueryClient } from '@tanstack/react-query'
import type { AuthStatus } from '../../../shared/contract/auth'
import { api } from './client'

export const authKey = ['auth'] as const

export function useAuthStatus() {
  return useQuery({
    queryKey: authKey,
    queryFn: () => api.call('auth.status', {}),
    staleTime: Infinity,
  })
}

/**
 * After sign-in, sign-out, lock or unlock: everything cached for the previous state is
 * dropped (nothing of one user's data stays in view for the next), then the new status set.
 */
export function useApplyAuthStatus() {
  const queryClient = useQueryClient()
  return (status: AuthStatus) => {
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== authKey[0] })
    queryClient.setQueryData(authKey, status)
  }
}
