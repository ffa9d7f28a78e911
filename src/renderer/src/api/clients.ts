import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Revisioned } from '../../../shared/contract/revisions'
import type { InputOf } from '../../../shared/contract'
import type { ClientRecord } from '../../../shared/contract/clients'
import { api } from './client'

const clientKey = (id: number) => ['clients', 'record', id] as const

export function useClientSearch(query: string, includeArchived: boolean) {
  return useQuery({
    queryKey: ['clients', 'search', query.trim(), includeArchived],
    queryFn: () => api.call('clients.search', { query, includeArchived }),
    // Keep the last list on screen while the next keystroke's results arrive: no flicker.
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  })
}

export function useClient(id: number) {
  return useQuery({ queryKey: clientKey(id), queryFn: () => api.call('clients.get', { id }) })
}

export function useClientAppointments(id: number) {
  return useQuery({
    queryKey: ['clients', 'appointments', id],
    queryFn: () => api.call('clients.appointments', { id }),
  })
}

export function useClientTimeline(id: number) {
  return useQuery({
    queryKey: ['clients', 'timeline', id],
    queryFn: () => api.call('clients.timeline', { id }),
  })
}

export function useDuplicates(probe: InputOf<'clients.duplicates'>, enabled: boolean) {
  return useQuery({
    queryKey: ['clients', 'duplicates', probe],
    queryFn: () => api.call('clients.duplicates', probe),
    enabled,
    placeholderData: keepPreviousData,
  })
}

/** After any change to a record: the record itself is replaced, searches and history refetch. */
function useRecordMutation<I>(call: (input: I) => Promise<Revisioned<ClientRecord>>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: call,
    onSuccess: (record: Revisioned<ClientRecord>) => {
      queryClient.setQueryData(clientKey(record.id), record)
      void queryClient.invalidateQueries({ queryKey: ['clients', 'search'] })
      void queryClient.invalidateQueries({ queryKey: ['clients', 'timeline', record.id] })
      void queryClient.invalidateQueries({ queryKey: ['clients', 'duplicates'] })
    },
  })
}

export const useCreateClient = () =>
  useRecordMutation((input: InputOf<'clients.create'>) => api.call('clients.create', input))
export const useUpdateClient = () =>
  useRecordMutation((input: InputOf<'clients.update'>) => api.call('clients.update', input))
export const useArchiveClient = () =>
  useRecordMutation((id: number) => api.call('clients.archive', { id }))
export const useUnarchiveClient = () =>
  useRecordMutation((id: number) => api.call('clients.unarchive', { id }))
export const useAddAlert = () =>
  useRecordMutation((input: InputOf<'clients.addAlert'>) => api.call('clients.addAlert', input))
export const useRemoveAlert = () =>
  useRecordMutation((input: InputOf<'clients.removeAlert'>) =>
    api.call('clients.removeAlert', input),
  )
export const useSaveQuestionnaire = () =>
  useRecordMutation((input: InputOf<'clients.saveQuestionnaire'>) =>
    api.call('clients.saveQuestionnaire', input),
  )

export function useAcknowledgeAlerts() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (clientId: number) => api.call('clients.acknowledgeAlerts', { clientId }),
    onSuccess: (_r, clientId) =>
      void queryClient.invalidateQueries({ queryKey: ['clients', 'timeline', clientId] }),
  })
}

export function useMergeClients() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<'clients.merge'>) => api.call('clients.merge', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['clients'] }),
  })
}

export function useUndoMerge() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (mergeId: number) => api.call('clients.undoMerge', { mergeId }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['clients'] }),
  })
}

const clientSettingsKey = ['clients', 'settings'] as const

export function useClientSettings() {
  return useQuery({
    queryKey: clientSettingsKey,
    queryFn: () => api.call('clients.settings', {}),
  })
}

export function useUpdateClientSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<'clients.updateSettings'>) =>
      api.call('clients.updateSettings', input),
    onSuccess: (saved) => queryClient.setQueryData(clientSettingsKey, saved),
  })
}
