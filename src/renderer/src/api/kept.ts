import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { KeptSave } from '../../../shared/contract/link'
import { RpcError } from '../../../shared/rpc'
import { linkCall } from './link'

const keptKey = ['link', 'kept'] as const

/** A main process without the desk link (the single-computer loopback adapter) keeps nothing. */
async function orNothing<T>(call: () => Promise<T>, nothing: T): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (error instanceof RpcError && error.code === 'unknown_method') return nothing
    throw error
  }
}

/**
 * What this desk keeps for the host (issue 15): saves typed while it was away, waiting or
 * refused as changed elsewhere. Refetched on every change event main pushes (a kept save
 * going through is one).
 */
export function useKeptSaves(enabled = true) {
  return useQuery({
    queryKey: keptKey,
    queryFn: () => orNothing(() => linkCall('link.kept', {}), [] as KeptSave[]),
    enabled,
  })
}

/** The kept save of one record, e.g. ('notes.saveDraft', 17). */
export function useKeptSave(method: KeptSave['method'], recordId: number) {
  const kept = useKeptSaves()
  return kept.data?.find((k) => k.method === method && k.recordId === recordId) ?? null
}

/** Forgets a kept save the person chose not to keep. */
export function useDropKept() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (key: string) => linkCall('link.dropKept', { key }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keptKey }),
  })
}

/** The day sheet this desk last fetched, for printing while the host is away. */
export function useLastDaySheet(enabled: boolean) {
  return useQuery({
    queryKey: ['link', 'lastDaySheet'],
    queryFn: () => orNothing(() => linkCall('link.lastDaySheet', {}), null),
    enabled,
    staleTime: 0,
  })
}
