import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { authContract } from '../../../../shared/contract/auth'
import { api } from '../../api/client'
import { useApplyAuthStatus } from '../../api/auth'
import { Field } from '../../components/Field'
import { ErrorBanner } from '../../components/ErrorBanner'
import { showRpcError } from '../../components/rpc-form-errors'

const schema = authContract['auth.signIn'].input
type Values = z.input<typeof schema>

export function SignInForm({ submitLabel = 'Sign in' }: { submitLabel?: string }) {
  const apply = useApplyAuthStatus()
  const [message, setMessage] = useState<string | null>(null)
  const { register, handleSubmit, formState, setError, resetField, setFocus, control } =
    useForm<Values>({
      resolver: zodResolver(schema),
      defaultValues: { username: '', password: '' },
    })
  const submit = handleSubmit(async (values) => {
    setMessage(null)
    try {
      const outcome = await api.call('auth.signIn', values)
      if (outcome.status === 'signed-in') return apply(outcome.auth, { signedIn: true })
      setMessage(outcome.message)
      resetField('password')
      setFocus('password')
    } catch (error) {
      setMessage(showRpcError(error, { setError, control }))
    }
  })
  return (
    <form className="auth-form" onSubmit={(ev) => void submit(ev)} noValidate>
      <ErrorBanner message={message} />
      <Field label="Username" error={formState.errors.username?.message}>
        <input type="text" autoComplete="username" autoFocus {...register('username')} />
      </Field>
      <Field label="Password" error={formState.errors.password?.message}>
        <input type="password" autoComplete="current-password" {...register('password')} />
      </Field>
      <button type="submit" className="button primary wide" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? 'Checking…' : submitLabel}
      </button>
    </form>
  )
}
