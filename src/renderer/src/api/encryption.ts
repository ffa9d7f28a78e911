import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from './client'

const STATE_KEY = ['encryption', 'recoveryKeyState'] as const

/** Shows the recovery key (and its printable sheet) after the owner re-enters their password. */
export function useShowRecoveryKey() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: (password: string) => api.call('encryption.recoveryKey', { password }),
    onSuccess: () => queries.invalidateQueries({ queryKey: STATE_KEY }),
  })
}

/** Whether the key was shown and not yet confirmed as printed (owner only). */
export function useRecoveryKeyState(enabled: boolean) {
  return useQuery({
    queryKey: STATE_KEY,
    queryFn: () => api.call('encryption.recoveryKeyStatus', {}),
    enabled,
  })
}

/** "I have printed it": ends the reminder. */
export function useConfirmRecoveryKey() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: () => api.call('encryption.recoveryKeyKept', {}),
    onSuccess: (state) => queries.setQueryData(STATE_KEY, state),
  })
}
