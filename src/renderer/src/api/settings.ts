import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { InputOf, OutputOf } from '../../../shared/contract'
import { api } from './client'

const settingsKey = ['settings'] as const

export function useClinicSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => api.call('settings.get', {}) })
}

export function useUpdateClinicSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<'settings.update'>) => api.call('settings.update', input),
    onSuccess: (saved: OutputOf<'settings.update'>) => queryClient.setQueryData(settingsKey, saved),
  })
}
