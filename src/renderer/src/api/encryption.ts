import { useMutation } from '@tanstack/react-query'
import { api } from './client'

/** Shows the recovery key (and its printable sheet) after the owner re-enters their password. */
export function useShowRecoveryKey() {
  return useMutation({
    mutationFn: (password: string) => api.call('encryption.recoveryKey', { password }),
  })
}
