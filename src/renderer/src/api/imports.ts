import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import type { ImportKind, ImportMapping } from '../../../shared/contract/imports'
import { api } from './client'

const importsKey = ['imports'] as const

/**
 * After an import lands or is undone: every list built from clients and appointments is out
 * of date, including the retention list (its "last treatment" comes from appointments).
 */
export function refreshAfterImport(queryClient: QueryClient): void {
  for (const queryKey of [importsKey, ['clients'], ['diary'], ['retention']]) {
    void queryClient.invalidateQueries({ queryKey })
  }
}

export function useOpenImport() {
  return useMutation({
    mutationFn: (input: { kind: ImportKind; fileName: string; base64: string }) =>
      api.call('imports.open', input),
  })
}

export function useCheckImport() {
  return useMutation({
    mutationFn: (input: { importId: string; mapping: ImportMapping }) =>
      api.call('imports.check', input),
  })
}

export function useRunImport() {
  return useMutation({
    mutationFn: (input: { importId: string; includeDuplicates: boolean }) =>
      api.call('imports.run', input),
  })
}

/** Polls a running check or import every 250 ms until it is done or failed. */
export function useImportJob(id: string | null) {
  return useQuery({
    queryKey: [...importsKey, 'job', id],
    queryFn: () => api.call('imports.job', { id: id! }),
    enabled: id !== null,
    staleTime: 0,
    refetchInterval: (query) =>
      query.state.data?.state === 'running' || !query.state.data ? 250 : false,
  })
}

export function useImportBatches() {
  return useQuery({
    queryKey: [...importsKey, 'batches'],
    queryFn: () => api.call('imports.batches', {}),
  })
}

export function useUndoImport() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (batchId: string) => api.call('imports.undo', { batchId }),
    onSuccess: () => refreshAfterImport(queryClient),
  })
}
