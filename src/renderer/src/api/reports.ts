import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { InputOf } from '../../../shared/contract'
import { api } from './client'

export type ReportRequest = InputOf<'reports.get'>

export const reportKeys = {
  all: ['reports'] as const,
  run: (r: ReportRequest) => ['reports', 'run', r] as const,
  rows: (r: InputOf<'reports.rows'>) => ['reports', 'rows', r] as const,
  settings: ['reports', 'settings'] as const,
  access: ['reports', 'access'] as const,
}

/**
 * Which reports the signed-in user may see: the owner all; a therapist their own figures once
 * the owner shares them. Drives the side bar and the blocked state only; main checks again.
 */
export function useReportAccess(enabled = true) {
  return useQuery({
    queryKey: reportKeys.access,
    queryFn: () => api.call('reports.access', {}),
    enabled,
  })
}

/** One report; the last answer stays on screen while a new range loads. */
export function useReport(request: ReportRequest) {
  return useQuery({
    queryKey: reportKeys.run(request),
    queryFn: () => api.call('reports.get', request),
    placeholderData: keepPreviousData,
  })
}

export function useReportRows(request: InputOf<'reports.rows'> | null) {
  return useQuery({
    queryKey: request ? reportKeys.rows(request) : ['reports', 'rows', 'none'],
    queryFn: () => api.call('reports.rows', request!),
    enabled: request !== null,
    placeholderData: keepPreviousData,
  })
}

export function useReportSettings() {
  return useQuery({
    queryKey: reportKeys.settings,
    queryFn: () => api.call('reports.settings', {}),
  })
}

export function useSaveReportSettings() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<'reports.updateSettings'>) =>
      api.call('reports.updateSettings', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: reportKeys.all }),
  })
}

export function useSaveCommissionRates() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (input: InputOf<'reports.setCommissionRates'>) =>
      api.call('reports.setCommissionRates', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: reportKeys.all }),
  })
}
