import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { InputOf } from '../../../shared/contract'
import { api } from './client'

const usersKey = ['users'] as const

export function useUsers() {
  return useQuery({ queryKey: usersKey, queryFn: () => api.call('users.list', {}) })
}

function useUserMutation<M extends 'users.create' | 'users.update' | 'users.resetPassword'>(
  method: M,
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<M>) => api.call(method, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  })
}

export const useCreateUser = () => useUserMutation('users.create')
export const useUpdateUser = () => useUserMutation('users.update')
export const useResetUserPassword = () => useUserMutation('users.resetPassword')
