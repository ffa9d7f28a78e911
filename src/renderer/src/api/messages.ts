import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { InputOf } from '../../../shared/contract'
import { api } from './client'

// Issue 16: the outbox, its settings and templates, and a client's message history.

const root = ['messages'] as const

export type OutboxView = InputOf<'messages.outbox'>['view']

export function useOutbox(view: OutboxView) {
  return useQuery({
    queryKey: [...root, 'outbox', view],
    queryFn: () => api.call('messages.outbox', { view }),
    refetchInterval: 10_000,
  })
}

/** The waiting count for the banner: polled, since the sender works in the background. */
export function useOutboxStatus(enabled = true) {
  return useQuery({
    queryKey: [...root, 'status'],
    queryFn: () => api.call('messages.status', {}),
    refetchInterval: 15_000,
    enabled,
  })
}

export function useOutboxAction(method: 'messages.sendNow' | 'messages.skip' | 'messages.retry') {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: number) => api.call(method, { id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: root }),
  })
}

export function useMessageSettings() {
  return useQuery({
    queryKey: [...root, 'settings'],
    queryFn: () => api.call('messages.settings', {}),
  })
}

export function useSaveMessageSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<'messages.saveSettings'>) =>
      api.call('messages.saveSettings', input),
    onSuccess: (saved) => queryClient.setQueryData([...root, 'settings'], saved),
  })
}

export function useSendTestEmail() {
  return useMutation({
    mutationFn: (to: string) => api.call('messages.sendTestEmail', { to }),
  })
}

export function useMessageTemplates() {
  return useQuery({
    queryKey: [...root, 'templates'],
    queryFn: () => api.call('messages.templates', {}),
  })
}

export function useSaveTemplate() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<'messages.saveTemplate'>) =>
      api.call('messages.saveTemplate', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...root, 'templates'] }),
  })
}

export function useResetTemplate() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<'messages.resetTemplate'>) =>
      api.call('messages.resetTemplate', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...root, 'templates'] }),
  })
}

export function useSaveAftercare() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<'messages.saveAftercare'>) =>
      api.call('messages.saveAftercare', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...root, 'templates'] }),
  })
}

export function useClientMessages(clientId: number) {
  return useQuery({
    queryKey: [...root, 'client', clientId],
    queryFn: () => api.call('messages.clientHistory', { clientId }),
  })
}

export function useSetClientPreferences() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<'messages.setClientPreferences'>) =>
      api.call('messages.setClientPreferences', input),
    onSuccess: (_saved, input) =>
      queryClient.invalidateQueries({ queryKey: [...root, 'client', input.clientId] }),
  })
}
