import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { authContract } from '../../../../shared/contract/auth'
import { api } from '../../api/client'
import { useApplyAuthStatus } from '../../api/auth'
import { Field } from '../../components/Field'
import { DoneNote, ErrorBanner } from '../../components/ErrorBanner'
import { useFormError } from '../../components/rpc-form-errors'

const schema = authContract['auth.changePassword'].input
type Values = z.input<typeof schema>
const EMPTY: Values = { currentPassword: '', newPassword: '', confirmPassword: '' }

export function ChangePasswordForm({
  currentLabel = 'Current password',
}: {
  currentLabel?: string
}) {
  const apply = useApplyAuthStatus()
  const [done, setDone] = useState(false)
  const { register, handleSubmit, formState, setError, reset, control } = useForm<
    Values,
    unknown,
    z.output<typeof schema>
  >({
    resolver: zodResolver(schema),
    mode: 'onTouched',
    defaultValues: EMPTY,
  })
  const e = formState.errors
  const { formError, attempt } = useFormError({ setError, control })
  const submit = handleSubmit(async (values) => {
    setDone(false)
    await attempt(async () => {
      const status = await api.call('auth.changePassword', values)
      reset(EMPTY)
      setDone(true)
      apply(status)
    })
  })
  return (
    <form
      className="stack-form"
      onSubmit={(ev) => void submit(ev)}
      noValidate
      aria-label="Change password"
    >
      <ErrorBanner message={formError} />
      <DoneNote message={done ? 'Password changed' : null} />
      <Field label={currentLabel} error={e.currentPassword?.message}>
        <input type="password" autoComplete="current-password" {...register('currentPassword')} />
      </Field>
      <Field
        label="New password"
        hint="At least 10 characters, not a common password"
        error={e.newPassword?.message}
      >
        <input type="password" autoComplete="new-password" {...register('newPassword')} />
      </Field>
      <Field label="Confirm new password" error={e.confirmPassword?.message}>
        <input type="password" autoComplete="new-password" {...register('confirmPassword')} />
      </Field>
      <div>
        <button type="submit" className="button primary" disabled={formState.isSubmitting}>
          Change password
        </button>
      </div>
    </form>
  )
}
