import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { InputOf } from '../../../shared/contract'
import { api } from './client'

export const progressKey = (clientId: number) => ['measures', 'progress', clientId] as const

/** A client's pain, measures, range of motion and load over time (clinical roles only). */
export function useClientProgress(clientId: number, enabled = true) {
  return useQuery({
    queryKey: progressKey(clientId),
    queryFn: () => api.call('measures.progress', { clientId }),
    enabled,
  })
}

export function useRecordMeasure(clientId: number) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<'measures.record'>) => api.call('measures.record', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: progressKey(clientId) }),
  })
}
