import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { api } from '../../api/client'
import { useApplyAuthStatus } from '../../api/auth'
import { Field } from '../../components/Field'
import { DoneNote, ErrorBanner } from '../../components/ErrorBanner'
import { useFormError } from '../../components/rpc-form-errors'

interface Values {
  currentPassword: string
  pin: string
}

export function SetPinForm({ hasPin }: { hasPin: boolean }) {
  const apply = useApplyAuthStatus()
  const [done, setDone] = useState<string | null>(null)
  const { register, handleSubmit, formState, setError, reset, getValues, control } =
    useForm<Values>({
      defaultValues: { currentPassword: '', pin: '' },
    })
  const { formError, attempt } = useFormError({ setError, control })
  const save = async (pin: string | null) => {
    setDone(null)
    await attempt(async () => {
      const status = await api.call('auth.setPin', {
        currentPassword: getValues('currentPassword'),
        pin,
      })
      reset({ currentPassword: '', pin: '' })
      setDone(pin ? 'PIN saved: use it to unlock this screen' : 'PIN removed')
      apply(status)
    })
  }
  const submit = handleSubmit(({ pin }) => save(pin))
  const e = formState.errors
  return (
    <form
      className="stack-form"
      onSubmit={(ev) => void submit(ev)}
      noValidate
      aria-label="Unlock PIN"
    >
      <ErrorBanner message={formError} />
      <DoneNote message={done} />
      <Field label="Your password" error={e.currentPassword?.message}>
        <input type="password" autoComplete="current-password" {...register('currentPassword')} />
      </Field>
      <Field
        label="PIN"
        hint="4 to 6 digits, only for unlocking your own locked screen"
        error={e.pin?.message}
      >
        <input
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={6}
          {...register('pin')}
        />
      </Field>
      <div className="row-actions">
        <button type="submit" className="button primary" disabled={formState.isSubmitting}>
          {hasPin ? 'Change PIN' : 'Set PIN'}
        </button>
        {hasPin && (
          <button type="button" className="button secondary" onClick={() => void save(null)}>
            Remove PIN
          </button>
        )}
      </div>
    </form>
  )
}
