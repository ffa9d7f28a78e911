import { useMutation, useQuery } from '@tanstack/react-query'
import type { z } from 'zod'
import type { linkContract, LinkMethod } from '../../../shared/contract/link'
import { RpcError } from '../../../shared/rpc'

type In<M extends LinkMethod> = z.input<(typeof linkContract)[M]['input']>
type Out<M extends LinkMethod> = z.output<(typeof linkContract)[M]['output']>

/** A typed call of this computer's own link.* methods (shared/contract/link.ts). */
export async function linkCall<M extends LinkMethod>(method: M, input: In<M>): Promise<Out<M>> {
  const result = await window.plinth.invoke(method, input)
  if (!result.ok) throw new RpcError(result.error)
  return result.value as Out<M>
}

const linkKey = ['link'] as const

/**
 * Whether this computer hosts the clinic, is a desk of one, or has yet to choose. A main
 * process without the desk link (the single-computer loopback adapter) answers
 * unknown_method: that is a host.
 */
export function useLinkInfo() {
  return useQuery({
    queryKey: [...linkKey, 'info'],
    queryFn: async () => {
      try {
        return await linkCall('link.info', {})
      } catch (error) {
        if (error instanceof RpcError && error.code === 'unknown_method') {
          return { mode: 'host' as const, clinicName: null, hostUrl: null, deskName: null }
        }
        throw error
      }
    },
    staleTime: Infinity,
  })
}

export function useDiscoveredHosts(enabled: boolean) {
  return useQuery({
    queryKey: [...linkKey, 'discover'],
    queryFn: () => linkCall('link.discover', {}),
    enabled,
    staleTime: 0,
  })
}

export function useProbeHost() {
  return useMutation({ mutationFn: (address: string) => linkCall('link.probe', { address }) })
}

/**
 * Pair, or host here: either way everything this window knew, and where its events come
 * from, has changed, so it starts afresh (a reload keeps nothing typed: this is first start).
 */
export function useChooseClinic() {
  return useMutation({
    mutationFn: (choice: { url: string; code: string; deskName: string } | 'host') =>
      choice === 'host' ? linkCall('link.hostHere', {}) : linkCall('link.pair', choice),
    onSuccess: () => window.location.reload(),
  })
}

/** Forgets the host this desk joined (revoked, or the host moved), back to the first-start choice. */
export function useLeaveClinic() {
  return useMutation({
    mutationFn: () => linkCall('link.leave', {}),
    onSuccess: () => window.location.reload(),
  })
}

/** Unlocks the clinic file here with the printed recovery key, then starts afresh. */
export function useRecoverClinic() {
  return useMutation({
    mutationFn: (recoveryKey: string) => linkCall('link.recover', { recoveryKey }),
    onSuccess: () => window.location.reload(),
  })
}

/** Why the clinic file here did not open (missing with backups beside, or damaged). */
export function useRescueInfo() {
  return useQuery({
    queryKey: [...linkKey, 'rescue'],
    queryFn: () => linkCall('link.rescueInfo', {}),
    staleTime: Infinity,
  })
}

/** Restores a backup over the missing or damaged file, or starts anew; then starts afresh. */
export function useRescueClinic() {
  return useMutation({
    mutationFn: (choice: In<'link.rescue'>) => linkCall('link.rescue', choice),
    onSuccess: () => window.location.reload(),
  })
}
