import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { NetworkStatus } from '../../../shared/contract/network'
import { api } from './client'

const networkKey = ['network'] as const

/** Sharing status; polled each second while a code is on show or the server is starting. */
export function useNetworkStatus() {
  return useQuery({
    queryKey: [...networkKey, 'status'],
    queryFn: () => api.call('network.status', {}),
    staleTime: 0,
    refetchInterval: (query) => {
      const s = query.state.data
      return s && s.sharing && (!s.listening || s.pairing) ? 1000 : false
    },
  })
}

export function usePairedDesks() {
  return useQuery({
    queryKey: [...networkKey, 'desks'],
    queryFn: () => api.call('network.desks', {}),
    refetchInterval: 10_000,
  })
}

function useNetworkMutation<I>(call: (input: I) => Promise<NetworkStatus>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: call,
    onSuccess: (status) => {
      queryClient.setQueryData([...networkKey, 'status'], status)
      void queryClient.invalidateQueries({ queryKey: networkKey })
    },
  })
}

export function useShareClinic() {
  return useNetworkMutation((input: { sharing: boolean; port?: number }) =>
    api.call('network.share', input),
  )
}

export function useNewPairingCode() {
  return useNetworkMutation(() => api.call('network.newPairingCode', {}))
}

export function useRenameDesk() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: { id: number; name: string }) => api.call('network.renameDesk', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [...networkKey, 'desks'] }),
  })
}

export function useRevokeDesk() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: number) => api.call('network.revokeDesk', { id }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [...networkKey, 'desks'] }),
  })
}
