import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { InputOf } from '../../../shared/contract'
import { authKey } from './auth'
import { api } from './client'

export const HANDOVER_RETURN_KEY = 'plinth.handover.return'

export const handoverFormKey = ['handover', 'form'] as const

/** The form handed to the client on this screen (only while it is handed over). */
export function useHandoverForm() {
  return useQuery({
    queryKey: handoverFormKey,
    queryFn: () => api.call('handover.form', {}),
    // Its state (open, sent, expired) changes only by what this screen does, or the clock.
    refetchInterval: 60_000,
  })
}

/**
 * Hands a measure to the client: main turns this screen into the client's form, then the
 * auth status (re-read) says so and the gate shows only that form.
 */
export function useStartHandover() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<'handover.start'>) => api.call('handover.start', input),
    onSuccess: async () => {
      // Where to come back to when staff take the screen back (a route, no client data);
      // per tab, so it survives a reload during the handover.
      sessionStorage.setItem(HANDOVER_RETURN_KEY, window.location.hash)
      queryClient.setQueryData(authKey, await api.call('auth.status', {}))
    },
  })
}
