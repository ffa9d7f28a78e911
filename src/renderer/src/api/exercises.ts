import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { InputOf } from '../../../shared/contract'
import { api } from './client'

export function useExercises(includeInactive = false) {
  return useQuery({
    queryKey: ['exercises', includeInactive],
    queryFn: () => api.call('exercises.list', { includeInactive }),
  })
}

export function useSaveExercise() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<'exercises.save'>) => api.call('exercises.save', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['exercises'] }),
  })
}
