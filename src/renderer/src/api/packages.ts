import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { InputOf, MethodName } from '../../../shared/contract'
import { api } from './client'
import { moneyKeys } from './money'

// Under moneyKeys.all, so every money command (a refund, a payment) refreshes packages too.
export const packageKeys = {
  types: (includeRetired: boolean) => [...moneyKeys.all, 'package-types', includeRetired] as const,
  client: (clientId: number) => [...moneyKeys.all, 'packages', 'client', clientId] as const,
  appointment: (id: number) => [...moneyKeys.all, 'packages', 'appointment', id] as const,
}

export function usePackageTypes(includeRetired = false) {
  return useQuery({
    queryKey: packageKeys.types(includeRetired),
    queryFn: () => api.call('packages.types', { includeRetired }),
  })
}

/** A client's packages (reception and the owner only: pass enabled=false for others). */
export function useClientPackages(clientId: number | null, enabled = true) {
  return useQuery({
    queryKey: packageKeys.client(clientId ?? 0),
    queryFn: () => api.call('packages.forClient', { clientId: clientId! }),
    enabled: enabled && clientId !== null,
  })
}

/**
 * The packages that can pay for this appointment, soonest expiring first. The appointment
 * dialog asks already (enabled) so Take payment opens at once, ready for typing.
 */
export function useAppointmentPackages(appointmentId: number, enabled = true) {
  return useQuery({
    queryKey: packageKeys.appointment(appointmentId),
    queryFn: () => api.call('packages.forAppointment', { appointmentId }),
    enabled,
  })
}

function usePackageMutation<M extends MethodName>(method: M) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<M>) => api.call(method, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: moneyKeys.all }),
  })
}

export const useSavePackageType = () => usePackageMutation('packages.saveType')
export const useSellPackage = () => usePackageMutation('packages.sell')
export const useUsePackage = () => usePackageMutation('packages.use')
export const useReversePackageUse = () => usePackageMutation('packages.reverseUse')
export const useRefundPackage = () => usePackageMutation('packages.refund')
