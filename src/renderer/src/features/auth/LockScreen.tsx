import { useState } from 'react'
import { useForm } from 'react-hook-form'
import type { SignedInUser } from '../../../../shared/contract/auth'
import { api } from '../../api/client'
import { useApplyAuthStatus } from '../../api/auth'
import { Field } from '../../components/Field'
import { ErrorBanner } from '../../components/ErrorBanner'
import { AuthLayout } from './AuthLayout'
import { SignInForm } from './SignInForm'
import { errorWords } from '../../components/rpc-form-errors'

/** Covers everything: the app below is unmounted and its cached data dropped. */
export function LockScreen({ user }: { user: SignedInUser }) {
  const apply = useApplyAuthStatus()
  const [switching, setSwitching] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const { register, handleSubmit, formState, resetField, setFocus } = useForm<{ secret: string }>({
    defaultValues: { secret: '' },
  })
  const unlock = handleSubmit(async ({ secret }) => {
    if (!secret)
      return setMessage(user.hasPin ? 'Enter your password or PIN' : 'Enter your password')
    setMessage(null)
    // A refusal (an over-long secret, a dropped connection) is shown, never swallowed.
    const outcome = await api.call('auth.unlock', { secret }).catch((e: unknown) => {
      setMessage(errorWords(e))
      return null
    })
    if (!outcome) return
    if (outcome.status === 'signed-in') return apply(outcome.auth)
    setMessage(outcome.message)
    resetField('secret')
    setFocus('secret')
    // A locked-out account is signed out by main; refresh so the sign-in screen shows.
    if (outcome.status === 'locked') apply(await api.call('auth.status', {}))
  })
  const signOut = async () =>
    apply(await api.call('auth.signOut', {}).catch(() => api.call('auth.status', {})))

  if (switching) {
    return (
      <AuthLayout
        title="Switch user"
        subtitle={`${user.displayName} is signed in on this computer; signing in takes over.`}
      >
        <SignInForm submitLabel="Sign in and take over" />
        <button type="button" className="button link" onClick={() => setSwitching(false)}>
          Back to {user.displayName}
        </button>
      </AuthLayout>
    )
  }
  return (
    <AuthLayout
      title="Plinth is locked"
      subtitle={`Signed in as ${user.displayName} (${user.username})`}
    >
      <form className="auth-form" onSubmit={(ev) => void unlock(ev)} noValidate>
        <ErrorBanner message={message} />
        <Field label={user.hasPin ? 'Password or PIN' : 'Password'}>
          <input
            type="password"
            autoComplete="current-password"
            inputMode={user.hasPin ? 'text' : undefined}
            autoFocus
            {...register('secret')}
          />
        </Field>
        <button type="submit" className="button primary wide" disabled={formState.isSubmitting}>
          Unlock
        </button>
      </form>
      <div className="auth-alt">
        <button type="button" className="button link" onClick={() => setSwitching(true)}>
          Switch user
        </button>
        <button type="button" className="button link" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    </AuthLayout>
  )
}
