import { useQuery, useQueryClient } from '@tanstack/react-query'
import type { AuthStatus } from '../../../shared/contract/auth'
import { api } from './client'
import { forgetWhatWasShown } from '../features/auth/before-lock'

export const authKey = ['auth'] as const

export function useAuthStatus() {
  return useQuery({
    queryKey: authKey,
    queryFn: () => api.call('auth.status', {}),
    staleTime: Infinity,
  })
}

/** Where everyone starts: the screen no one's records are opened from. */
export const LANDING_HASH = '#/diary'

/**
 * After sign-in, sign-out, lock or unlock: everything cached for the previous state is
 * dropped (nothing of one user's data stays in view for the next), then the new status set.
 *
 * A sign-in (`signedIn: true`: the sign-in screen, Switch user, first run) or an unlock that
 * brings in someone other than who was there opens the diary, not the screen the previous
 * person left: otherwise the next person's session would open (and the audit record them
 * opening) whatever was on screen, say a treatment note they never chose to read.
 */
export function useApplyAuthStatus() {
  const queryClient = useQueryClient()
  return (status: AuthStatus, options: { signedIn?: boolean; keepScreen?: boolean } = {}) => {
    const before = queryClient.getQueryData<AuthStatus>(authKey)?.user?.id ?? null
    const after = status.locked ? null : (status.user?.id ?? null)
    // keepScreen: the same person took a handed-over screen back (handover/TakeBack.tsx),
    // which has already put back the screen they handed over from.
    if (after !== null && !options.keepScreen && (options.signedIn === true || before !== after)) {
      // Replace, so Back does not lead into the previous person's screen either.
      window.history.replaceState(null, '', LANDING_HASH)
    }
    // Locked or signed out: the gate drops the cache once the screens are gone (AuthGate);
    // dropping it now, under screens still mounted, would leave their queries orphaned.
    if (after !== null) forgetWhatWasShown(queryClient, authKey)
    queryClient.setQueryData(authKey, status)
  }
}
