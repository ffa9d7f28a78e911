import { useCallback, useEffect, type ReactNode } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import type { SignedInUser } from '../../../../shared/contract/auth'
import { authKey, useAuthStatus } from '../../api/auth'
import { handoverFormKey } from '../../api/handover'
import { Icon } from '../../components/Icon'
import { FirstRunScreen } from './FirstRunScreen'
import { ForcedPasswordChange } from './ForcedPasswordChange'
import { LockScreen } from './LockScreen'
import { HandoverScreen } from '../handover/HandoverScreen'
import { SignInScreen } from './SignInScreen'
import { useIdleLock } from './use-idle-lock'
import { errorWords } from '../../components/rpc-form-errors'
import { forgetWhatWasShown } from './before-lock'

/** Nothing of the app renders until main says who is signed in and the screen is open. */
export function AuthGate({ children }: { children: (user: SignedInUser) => ReactNode }) {
  const status = useAuthStatus()
  const queryClient = useQueryClient()
  const closed = status.data ? status.data.locked || !status.data.user : false
  const handedOver = status.data?.handover === true
  // However the screen came to be locked (Ctrl+L, idle, main's own idle lock, another
  // window) or signed out, what the open screens had read goes once the lock screen is up:
  // after they unmounted, so no query is left orphaned with a clean-up timer holding it.
  // Handed to a client: staff's screens' data goes too, but not the client's own form, which
  // the screen shown now has just started reading.
  useEffect(() => {
    if (closed) forgetWhatWasShown(queryClient, authKey, handedOver ? [handoverFormKey[0]] : [])
  }, [closed, handedOver, queryClient])
  if (status.isPending) return <p className="muted boot">Starting Plinth…</p>
  // A failed re-read (a desk whose host went away) keeps the last answer: the screen and
  // what is typed in it stay; the banner says the host is away.
  if (status.isError && !status.data) {
    return (
      <div className="banner banner-error boot" role="alert">
        <Icon name="alert" /> Plinth could not reach its database: {errorWords(status.error)}
      </div>
    )
  }
  const { firstRun, user, locked, idleLockMinutes, handover } = status.data!
  // Handed to a client: their form and nothing else (no shell, no routes) until staff's
  // password takes it back; main refuses every other call meanwhile.
  if (handover) return <HandoverScreen />
  if (firstRun) return <FirstRunScreen />
  if (!user) return <SignInScreen />
  if (locked) return <LockScreen user={user} />
  if (user.mustChangePassword) return <ForcedPasswordChange user={user} />
  return <IdleWatch minutes={idleLockMinutes}>{children(user)}</IdleWatch>
}

function IdleWatch({ minutes, children }: { minutes: number; children: ReactNode }) {
  const queryClient = useQueryClient()
  // Locked for idleness, as by Ctrl+L: main says so, the gate shows the lock screen and
  // then drops every cached query (see AuthGate), once the screens that read them are gone.
  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: authKey })
  }, [queryClient])
  useIdleLock(minutes, refresh)
  return <>{children}</>
}
