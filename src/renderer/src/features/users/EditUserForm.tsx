import { useState } from 'react'
import type { Revisioned } from '../../../../shared/contract/revisions'
import { useForm, useWatch } from 'react-hook-form'
import type { UserAccount } from '../../../../shared/contract/users'
import { ROLES, ROLE_HINTS, ROLE_LABELS, type Role } from '../../../../shared/roles'
import { useResetUserPassword, useUpdateUser } from '../../api/users'
import { Field } from '../../components/Field'
import { DoneNote, ErrorBanner } from '../../components/ErrorBanner'
import { useFormError } from '../../components/rpc-form-errors'
import { useFormGuard } from '../shell/use-form-guard'
import { FormActions } from '../../components/FormActions'

interface Values {
  displayName: string
  role: Role
  active: boolean
}

export function EditUserForm({ user, onDone }: { user: Revisioned<UserAccount>; onDone(): void }) {
  const update = useUpdateUser()
  const { register, handleSubmit, formState, setError, control, reset, getValues } =
    useForm<Values>({
      defaultValues: { displayName: user.displayName, role: user.role, active: user.active },
    })
  useFormGuard({ formState, reset, getValues }, 'the staff account')
  const { formError, attempt } = useFormError({ setError, control })
  const role = useWatch({ control, name: 'role' })
  const submit = handleSubmit(async (values) => {
    await attempt(async () => {
      await update.mutateAsync({
        id: user.id,
        therapistId: user.therapistId,
        ...values,
        baseRevision: user.revision,
      })
      onDone()
    })
  })
  return (
    <section className="card" aria-labelledby="edit-staff">
      <div className="card-head">
        <h2 id="edit-staff">
          {user.displayName} <span className="muted">({user.username})</span>
        </h2>
      </div>
      <form
        className="form"
        onSubmit={(ev) => void submit(ev)}
        noValidate
        aria-label={`Edit ${user.displayName}`}
      >
        <ErrorBanner message={formError} />
        <div className="form-grid">
          <Field label="Name" error={formState.errors.displayName?.message}>
            <input type="text" {...register('displayName')} />
          </Field>
          <Field label="Role" hint={ROLE_HINTS[role]} error={formState.errors.role?.message}>
            <select {...register('role')}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </Field>
          <div className="field checkbox-field">
            <label>
              <input type="checkbox" {...register('active')} /> Account active
            </label>
            <p className="field-hint">An inactive account cannot sign in; its history stays.</p>
          </div>
        </div>
        <FormActions leave="Close" onLeave={onDone} submit="Save changes" busy={update.isPending} />
      </form>
      <ResetPassword user={user} />
    </section>
  )
}

function ResetPassword({ user }: { user: UserAccount }) {
  const reset = useResetUserPassword()
  const [message, setMessage] = useState<string | null>(null)
  const {
    register,
    handleSubmit,
    formState,
    setError,
    reset: clear,
    control,
  } = useForm<{ temporaryPassword: string }>({
    defaultValues: { temporaryPassword: '' },
  })
  const { formError, attempt } = useFormError({ setError, control })
  const submit = handleSubmit(async ({ temporaryPassword }) => {
    setMessage(null)
    await attempt(async () => {
      await reset.mutateAsync({ id: user.id, temporaryPassword })
      clear()
      setMessage(`${user.displayName} must choose a new password at next sign-in.`)
    })
  })
  return (
    <form
      className="reset-password"
      onSubmit={(ev) => void submit(ev)}
      noValidate
      aria-label="Reset password"
    >
      <h3>Reset password</h3>
      <ErrorBanner message={formError} />
      <DoneNote message={message} />
      <div className="inline-form">
        <Field label="Temporary password" error={formState.errors.temporaryPassword?.message}>
          <input type="text" autoComplete="off" {...register('temporaryPassword')} />
        </Field>
        <button type="submit" className="button secondary" disabled={reset.isPending}>
          Reset password
        </button>
      </div>
    </form>
  )
}
