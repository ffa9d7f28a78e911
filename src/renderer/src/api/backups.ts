import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { InputOf } from '../../../shared/contract'
import { api } from './client'

const backupsKey = ['backups'] as const

export function useBackups() {
  return useQuery({
    queryKey: [...backupsKey, 'list'],
    queryFn: () => api.call('backups.list', {}),
  })
}

export function useBackupSettings() {
  return useQuery({
    queryKey: [...backupsKey, 'settings'],
    queryFn: () => api.call('backups.settings', {}),
  })
}

export function useUpdateBackupSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<'backups.updateSettings'>) =>
      api.call('backups.updateSettings', input),
    onSuccess: (saved) => {
      queryClient.setQueryData([...backupsKey, 'settings'], saved)
      void queryClient.invalidateQueries({ queryKey: [...backupsKey, 'list'] })
    },
  })
}

export function useStartBackup() {
  return useMutation({ mutationFn: () => api.call('backups.create', {}) })
}

export function useStartRestore() {
  return useMutation({
    mutationFn: (input: { name: string; passphrase?: string }) =>
      api.call('backups.restore', input),
  })
}

/** Polls a running job every 250 ms until it is done or failed. */
export function useBackupJob(id: string | null) {
  return useQuery({
    queryKey: [...backupsKey, 'job', id],
    queryFn: () => api.call('backups.job', { id: id! }),
    enabled: id !== null,
    staleTime: 0,
    refetchInterval: (query) =>
      query.state.data?.state === 'running' || !query.state.data ? 250 : false,
  })
}

/** The start-up integrity check: polled until it has a verdict, then every few minutes. */
export function useDatabaseHealth() {
  return useQuery({
    queryKey: [...backupsKey, 'health'],
    queryFn: () => api.call('backups.health', {}),
    refetchInterval: (query) =>
      query.state.data?.integrity.state === 'checking' ||
      query.state.data?.integrity.state === 'not-checked'
        ? 1000
        : 5 * 60_000,
  })
}
