import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { authContract } from '../../../../shared/contract/auth'
import { api } from '../../api/client'
import { useApplyAuthStatus } from '../../api/auth'
import { Field } from '../../components/Field'
import { ErrorBanner } from '../../components/ErrorBanner'
import { useFormError } from '../../components/rpc-form-errors'
import { AuthLayout } from './AuthLayout'

const schema = authContract['auth.setupOwner'].input
type Values = z.input<typeof schema>

export function FirstRunScreen() {
  const apply = useApplyAuthStatus()
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
      apply(await api.call('auth.setupOwner', values))
    })
  })
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
