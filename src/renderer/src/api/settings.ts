import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ClinicSettings, ClinicSettingsInput } from '../../../shared/contract/settings'
import { api } from './client'

const settingsKey = ['settings'] as const

export function useClinicSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => api.call('settings.get', {}) })
}

export function useUpdateClinicSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: ClinicSettingsInput) => api.call('settings.update', input),
    onSuccess: (saved: ClinicSettings) => queryClient.setQueryData(settingsKey, saved),
  })
}
