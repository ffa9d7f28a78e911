import { useState } from 'react'
import type { Revisioned } from '../../../../shared/contract/revisions'
import { useBaseRevision } from '../../components/use-base-revision'
import { useForm } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { z } from 'zod'
import { securitySettings, type SecuritySettings } from '../../../../shared/contract/security'
import { useSecuritySettings, useUpdateSecuritySettings } from '../../api/security'
import { Field } from '../../components/Field'
import { Icon } from '../../components/Icon'
import { ErrorBanner } from '../../components/ErrorBanner'
import { useFormError } from '../../components/rpc-form-errors'
import { errorWords } from '../../components/rpc-form-errors'
import { RecoveryKeySection } from '../encryption/RecoveryKeySection'
import { useFormGuard } from '../shell/use-form-guard'

export function SecuritySection() {
  const query = useSecuritySettings()
  if (query.isPending) return <p className="muted">Loading…</p>
  if (query.isError) {
    return (
      <div className="banner banner-error" role="alert">
        <Icon name="alert" /> {errorWords(query.error)}
      </div>
    )
  }
  return (
    <>
      <SecurityForm saved={query.data} />
      <RecoveryKeySection />
    </>
  )
}

function SecurityForm({ saved }: { saved: Revisioned<SecuritySettings> }) {
  const update = useUpdateSecuritySettings()
  const base = useBaseRevision(saved.revision)
  const [done, setDone] = useState(false)
  const { register, handleSubmit, formState, setError, reset, control, getValues } = useForm<
    z.input<typeof securitySettings>,
    unknown,
    SecuritySettings
  >({ resolver: zodResolver(securitySettings), mode: 'onTouched', defaultValues: saved })
  useFormGuard({ formState, reset, getValues }, 'the security settings')
  const e = formState.errors
  const { formError, attempt } = useFormError({ setError, control })
  const submit = handleSubmit(async (values) => {
    setDone(false)
    await attempt(async () => {
      const result = await update.mutateAsync({ ...values, baseRevision: base.get() })
      base.saved(result.revision)
      reset(result)
      setDone(true)
    })
  })
  return (
    <form
      className="card form"
      onSubmit={(ev) => void submit(ev)}
      noValidate
      aria-labelledby="security-title"
    >
      <div className="card-head">
        <h2 id="security-title">Sign-in and privacy</h2>
        <span className="save-state" role="status">
          {formState.isDirty ? 'Unsaved changes' : done ? 'Saved' : ''}
        </span>
      </div>
      <ErrorBanner message={formError} />
      <div className="form-grid">
        <Field
          label="Lock the screen after (minutes idle)"
          hint="Shared desks: 5 minutes is a good default"
          error={e.idleLockMinutes?.message}
        >
          <input type="number" min={1} max={240} {...register('idleLockMinutes')} />
        </Field>
        <Field label="Wrong passwords before an account locks" error={e.maxFailedAttempts?.message}>
          <input type="number" min={3} max={20} {...register('maxFailedAttempts')} />
        </Field>
        <Field label="Locked-out accounts wait (minutes)" error={e.lockoutMinutes?.message}>
          <input type="number" min={1} max={1440} {...register('lockoutMinutes')} />
        </Field>
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" {...register('notesAuthorOnly')} /> Only a note’s author (and the
            owner) may read a treatment note
          </label>
          <p className="field-hint">
            Off: every therapist can read every note, as most small clinics prefer.
          </p>
        </div>
      </div>
      <div className="form-actions">
        <button
          type="submit"
          className="button primary"
          disabled={update.isPending || !formState.isDirty}
        >
          Save security settings
        </button>
      </div>
    </form>
  )
}
