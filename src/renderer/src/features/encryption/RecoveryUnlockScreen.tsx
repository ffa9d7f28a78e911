import { useState } from 'react'
import { useRecoverClinic } from '../../api/link'
import { Field } from '../../components/Field'
import { ErrorBanner } from '../../components/ErrorBanner'
import { RpcError } from '../../../../shared/rpc'
import { errorWords } from '../../components/rpc-form-errors'
import { AuthLayout } from '../auth/AuthLayout'

/**
 * At start, when this computer's keystore cannot unlock the clinic file (a reinstalled
 * system, a copied user folder): the owner types the printed recovery key. Main unwraps the
 * data key with it, seals it in this keystore again and opens the clinic.
 */
export function RecoveryUnlockScreen() {
  const recover = useRecoverClinic()
  const [recoveryKey, setRecoveryKey] = useState('')
  const [fieldError, setFieldError] = useState<string | undefined>()
  const [formError, setFormError] = useState<string | null>(null)

  async function submit() {
    setFieldError(undefined)
    setFormError(null)
    try {
      await recover.mutateAsync(recoveryKey)
    } catch (error) {
      const field =
        error instanceof RpcError
          ? error.fieldErrors.find((f) => f.path === 'recoveryKey')?.message
          : undefined
      if (field) setFieldError(field)
      else setFormError(errorWords(error))
    }
  }

  return (
    <AuthLayout
      title="Enter recovery key"
      subtitle="This computer’s keystore cannot unlock the clinic’s records (for example after Windows or macOS was reinstalled). Type the recovery key from the sheet the owner printed when the clinic was set up."
    >
      <form
        className="auth-form"
        onSubmit={(ev) => {
          ev.preventDefault()
          void submit()
        }}
        noValidate
      >
        <ErrorBanner message={formError} />
        <Field
          label="Recovery key"
          hint="8 groups of 4 letters and digits; dashes, spaces and case do not matter"
          error={fieldError}
        >
          <input
            type="text"
            autoComplete="off"
            spellCheck={false}
            autoFocus
            value={recoveryKey}
            onChange={(ev) => setRecoveryKey(ev.target.value)}
          />
        </Field>
        <button type="submit" className="button primary wide" disabled={recover.isPending}>
          {recover.isPending ? 'Unlocking…' : 'Unlock the clinic'}
        </button>
      </form>
    </AuthLayout>
  )
}
