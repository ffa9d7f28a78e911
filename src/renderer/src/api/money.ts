import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { InputOf, MethodName } from '../../../shared/contract'
import { api } from './client'

export const moneyKeys = {
  all: ['money'] as const,
  methods: ['money', 'methods'] as const,
  settings: ['money', 'settings'] as const,
  invoices: (status: string, offset: number) => ['money', 'invoices', status, offset] as const,
  invoice: (id: number) => ['money', 'invoice', id] as const,
  appointment: (id: number) => ['money', 'appointment', id] as const,
  account: (clientId: number) => ['money', 'account', clientId] as const,
  outstanding: (offset: number) => ['money', 'outstanding', offset] as const,
}

export function usePaymentMethods() {
  return useQuery({ queryKey: moneyKeys.methods, queryFn: () => api.call('money.methods', {}) })
}

export function useMoneySettings() {
  return useQuery({ queryKey: moneyKeys.settings, queryFn: () => api.call('money.settings', {}) })
}

/** Whether an appointment is paid, and the invoice on it. */
export function useAppointmentPayment(appointmentId: number, enabled = true) {
  return useQuery({
    queryKey: moneyKeys.appointment(appointmentId),
    queryFn: async () =>
      (await api.call('money.forAppointments', { appointmentIds: [appointmentId] }))[0] ?? null,
    enabled,
  })
}

export function useInvoices(status: 'all' | 'draft' | 'issued' | 'outstanding', offset = 0) {
  return useQuery({
    queryKey: moneyKeys.invoices(status, offset),
    queryFn: () => api.call('invoices.list', { status, offset, limit: 100 }),
  })
}

export function useInvoice(id: number | null) {
  return useQuery({
    queryKey: moneyKeys.invoice(id ?? 0),
    queryFn: () => api.call('invoices.get', { id: id! }),
    enabled: id !== null,
  })
}

/** Rows on one page of the Outstanding list. */
export const OUTSTANDING_PAGE = 100

/** One page of what is owed, oldest first, with the totals by age of all of it. */
export function useOutstanding(offset: number) {
  return useQuery({
    queryKey: moneyKeys.outstanding(offset),
    queryFn: () => api.call('money.outstanding', { offset, limit: OUTSTANDING_PAGE }),
    placeholderData: (previous) => previous,
  })
}

/** A client's balance, newest invoices and entries, and open invoices (reception, owner). */
export function useClientAccount(clientId: number, enabled = true) {
  return useQuery({
    queryKey: moneyKeys.account(clientId),
    queryFn: () => api.call('money.account', { clientId }),
    enabled,
  })
}

/** A money command; everything money-shaped is refetched after it (balances are derived). */
function useMoneyMutation<M extends MethodName>(method: M) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<M>) => api.call(method, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: moneyKeys.all }),
  })
}

export const useCheckout = () => useMoneyMutation('invoices.checkout')
export const useSaveDraft = () => useMoneyMutation('invoices.saveDraft')
export const useIssueInvoice = () => useMoneyMutation('invoices.issue')
export const useDiscardDraft = () => useMoneyMutation('invoices.discardDraft')
export const useTakePayment = () => useMoneyMutation('payments.take')
export const useIssueCreditNote = () => useMoneyMutation('creditNotes.issue')
export const useRefund = () => useMoneyMutation('payments.refund')
export const useReverse = () => useMoneyMutation('payments.reverse')

export function useCashUpDay(date: string) {
  return useQuery({
    queryKey: [...moneyKeys.all, 'cash-up', date],
    queryFn: () => api.call('cashUp.day', { date }),
    enabled: /^\d{4}-\d{2}-\d{2}$/.test(date),
  })
}

export const useRecordCashUp = () => useMoneyMutation('cashUp.record')

export function useProducts(includeInactive = false) {
  return useQuery({
    queryKey: [...moneyKeys.all, 'products', includeInactive],
    queryFn: () => api.call('products.list', { includeInactive }),
  })
}

export function useServiceVatRates() {
  return useQuery({
    queryKey: [...moneyKeys.all, 'service-vat'],
    queryFn: () => api.call('money.serviceVatRates', {}),
  })
}

export function useAllPaymentMethods() {
  return useQuery({
    queryKey: [...moneyKeys.methods, 'all'],
    queryFn: () => api.call('money.methods', { includeInactive: true }),
  })
}

export const useUpdateMoneySettings = () => useMoneyMutation('money.updateSettings')
export const useSaveMethod = () => useMoneyMutation('money.saveMethod')
export const useSetServiceVatRate = () => useMoneyMutation('money.setServiceVatRate')
export const useSaveProduct = () => useMoneyMutation('products.save')

export function useVouchers() {
  return useQuery({
    queryKey: [...moneyKeys.all, 'vouchers'],
    queryFn: () => api.call('vouchers.list', {}),
  })
}

export const useSellVoucher = () => useMoneyMutation('vouchers.sell')

export const useChargeFee = () => useMoneyMutation('invoices.chargeFee')

export function usePractitioners() {
  return useQuery({
    queryKey: [...moneyKeys.all, 'practitioners'],
    queryFn: () => api.call('money.practitioners', {}),
  })
}

export const useSavePractitioner = () => useMoneyMutation('money.savePractitioner')
