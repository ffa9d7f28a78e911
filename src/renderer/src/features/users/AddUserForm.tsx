import { useForm, useWatch } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { usersContract } from '../../../../shared/contract/users'
import { ROLES, ROLE_HINTS, ROLE_LABELS } from '../../../../shared/roles'
import { useCreateUser } from '../../api/users'
import { Field } from '../../components/Field'
import { ErrorBanner } from '../../components/ErrorBanner'
import { useFormError } from '../../components/rpc-form-errors'
import { useFormGuard } from '../shell/use-form-guard'
import { FormActions } from '../../components/FormActions'

const schema = usersContract['users.create'].input
type Values = z.input<typeof schema>

export function AddUserForm({ onDone }: { onDone(): void }) {
  const create = useCreateUser()
  const { register, handleSubmit, formState, setError, control, reset, getValues } = useForm<
    Values,
    unknown,
    z.output<typeof schema>
  >({
    resolver: zodResolver(schema),
    mode: 'onTouched',
    defaultValues: {
      displayName: '',
      username: '',
      role: 'reception',
      therapistId: null,
      temporaryPassword: '',
    },
  })
  useFormGuard({ formState, reset, getValues }, 'the new staff account')
  const e = formState.errors
  const { formError, attempt } = useFormError({ setError, control })
  const role = useWatch({ control, name: 'role' })
  const submit = handleSubmit(async (values) => {
    await attempt(async () => {
      await create.mutateAsync(values)
      onDone()
    })
  })
  return (
    <form
      className="card form"
      onSubmit={(ev) => void submit(ev)}
      noValidate
      aria-labelledby="add-staff"
    >
      <div className="card-head">
        <h2 id="add-staff">Add a member of staff</h2>
      </div>
      <ErrorBanner message={formError} />
      <div className="form-grid">
        <Field label="Name" error={e.displayName?.message}>
          <input type="text" autoFocus {...register('displayName')} />
        </Field>
        <Field label="Username" error={e.username?.message}>
          <input type="text" autoComplete="off" {...register('username')} />
        </Field>
        <Field label="Role" hint={ROLE_HINTS[role]} error={e.role?.message}>
          <select {...register('role')}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label="Temporary password"
          hint="Tell them in person; they choose their own at first sign-in"
          error={e.temporaryPassword?.message}
        >
          <input type="text" autoComplete="off" {...register('temporaryPassword')} />
        </Field>
      </div>
      <FormActions onLeave={onDone} submit="Add account" busy={create.isPending} />
    </form>
  )
}
