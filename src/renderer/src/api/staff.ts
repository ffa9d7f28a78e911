import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { InputOf } from '../../../shared/contract'
import { api } from './client'

const usersKey = ['users'] as const
const securityKey = ['security'] as const

export function useStaff() {
  return useQuery({ queryKey: usersKey, queryFn: () => api.call('users.list', {}) })
}

function useStaffMutation<M extends 'users.create' | 'users.update' | 'users.resetPassword'>(
  method: M,
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<M>) => api.call(method, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  })
}

export const useCreateStaff = () => useStaffMutation('users.create')
export const useUpdateStaff = () => useStaffMutation('users.update')
export const useResetStaffPassword = () => useStaffMutation('users.resetPassword')

export function useSecuritySettings() {
  return useQuery({ queryKey: securityKey, queryFn: () => api.call('security.get', {}) })
}

export function useUpdateSecuritySettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<'security.update'>) => api.call('security.update', input),
    onSuccess: (saved) => {
      queryClient.setQueryData(securityKey, saved)
      // The idle limit comes with the auth status.
      void queryClient.invalidateQueries({ queryKey: ['auth'] })
    },
  })
}
