import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { InputOf } from '../../../shared/contract'
import { api } from './client'

const securityKey = ['security'] as const

export function useSecuritySettings() {
  return useQuery({ queryKey: securityKey, queryFn: () => api.call('security.get', {}) })
}

export function useUpdateSecuritySettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<'security.update'>) => api.call('security.update', input),
    onSuccess: (saved) => {
      queryClient.setQueryData(securityKey, saved)
      // The idle limit comes with the auth status.
      void queryClient.invalidateQueries({ queryKey: ['auth'] })
    },
  })
}
