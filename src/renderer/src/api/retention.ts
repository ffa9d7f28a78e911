import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { InputOf } from '../../../shared/contract'
import { api } from './client'

const retentionKey = ['retention'] as const

export function useRetentionList() {
  return useQuery({ queryKey: retentionKey, queryFn: () => api.call('retention.list', {}) })
}

export function useUpdateRetention() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<'retention.updateSettings'>) =>
      api.call('retention.updateSettings', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: retentionKey }),
  })
}

/** Anonymise or delete one client record (owner only, after a confirmation). */
export function useEraseClient() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ clientId, how }: { clientId: number; how: 'anonymise' | 'delete' }) =>
      api.call(how === 'anonymise' ? 'retention.anonymise' : 'retention.delete', { clientId }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: retentionKey })
      void queryClient.invalidateQueries({ queryKey: ['clients'] })
    },
  })
}
