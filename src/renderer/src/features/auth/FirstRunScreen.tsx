import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { authContract } from '../../../../shared/contract/auth'
import { api } from '../../api/client'
import { useApplyAuthStatus } from '../../api/auth'
import { Field } from '../../components/Field'
import { ErrorBanner } from '../../components/ErrorBanner'
import { errorWords, useFormError } from '../../components/rpc-form-errors'
import { AuthLayout } from './AuthLayout'
import { RecoveryKeyView, type ShownRecoveryKey } from '../encryption/RecoveryKeyView'
import type { AuthStatus } from '../../../../shared/contract/auth'

const schema = authContract['auth.setupOwner'].input
type Values = z.input<typeof schema>

export function FirstRunScreen() {
  const apply = useApplyAuthStatus()
  // Issue 12: once the owner exists, the recovery key is shown before the app opens.
  const [recovery, setRecovery] = useState<{ shown: ShownRecoveryKey; status: AuthStatus } | null>(
    null,
  )
  const { register, handleSubmit, formState, setError, control } = useForm<
    Values,
    unknown,
    z.output<typeof schema>
  >({
    resolver: zodResolver(schema),
    mode: 'onTouched',
    defaultValues: {
      clinicName: '',
      displayName: '',
      username: '',
      password: '',
      confirmPassword: '',
    },
  })
  const e = formState.errors
  const { formError, attempt } = useFormError({ setError, control })
  const submit = handleSubmit(async (values) => {
    await attempt(async () => {
      const status = await api.call('auth.setupOwner', values)
      // The password just chosen proves it is the owner, as it will every later time.
      const outcome = await api.call('encryption.recoveryKey', { password: values.password })
      if (outcome.status === 'shown') setRecovery({ shown: outcome, status })
      else apply(status)
    })
  })
  if (recovery)
    return (
      <RecoveryKeyStep
        {...recovery}
        onDone={async () => {
          // Recorded first: until it is, the owner is reminded on every screen.
          await api.call('encryption.recoveryKeyKept', {})
          apply(recovery.status)
        }}
      />
    )
  return (
    <AuthLayout
      title="Set up your clinic"
      subtitle="Create the owner account. You will add reception and therapist accounts next."
    >
      <form className="auth-form" onSubmit={(ev) => void submit(ev)} noValidate>
        <ErrorBanner message={formError} />
        <Field label="Clinic name" error={e.clinicName?.message}>
          <input type="text" autoComplete="organization" autoFocus {...register('clinicName')} />
        </Field>
        <Field label="Your name" error={e.displayName?.message}>
          <input type="text" autoComplete="name" {...register('displayName')} />
        </Field>
        <Field
          label="Username"
          hint="What you type to sign in, e.g. alex"
          error={e.username?.message}
        >
          <input type="text" autoComplete="username" {...register('username')} />
        </Field>
        <Field
          label="Password"
          hint="At least 10 characters; a short phrase is easiest"
          error={e.password?.message}
        >
          <input type="password" autoComplete="new-password" {...register('password')} />
        </Field>
        <Field label="Confirm password" error={e.confirmPassword?.message}>
          <input type="password" autoComplete="new-password" {...register('confirmPassword')} />
        </Field>
        <button type="submit" className="button primary wide" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? 'Creating…' : 'Create owner account'}
        </button>
      </form>
    </AuthLayout>
  )
}

function RecoveryKeyStep({
  shown,
  onDone,
}: {
  shown: ShownRecoveryKey
  onDone: () => Promise<void>
}) {
  const [kept, setKept] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  return (
    <AuthLayout
      title="Your recovery key"
      subtitle="The clinic’s records are encrypted on this computer. If its keystore is ever lost (a reinstall, a new computer), this key opens them."
    >
      <RecoveryKeyView shown={shown} />
      <div className="checkbox-field">
        <label>
          <input type="checkbox" checked={kept} onChange={(e) => setKept(e.target.checked)} />I have
          printed it (or written it down) and will keep it safe
        </label>
      </div>
      <ErrorBanner message={error} />
      <button
        type="button"
        className="button primary wide"
        disabled={!kept || busy}
        onClick={() => {
          setBusy(true)
          setError(null)
          onDone().catch((e: unknown) => {
            setError(errorWords(e))
            setBusy(false)
          })
        }}
      >
        Continue to Plinth
      </button>
      <p className="muted">You can print it again under Settings → Security.</p>
    </AuthLayout>
  )
}
