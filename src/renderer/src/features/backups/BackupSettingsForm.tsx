import { useState } from 'react'
import type { Revisioned } from '../../../../shared/contract/revisions'
import { useBaseRevision } from '../../components/use-base-revision'
import { useForm, useWatch } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import {
  backupSettingsInput,
  type BackupSettings,
  type BackupSettingsInput,
} from '../../../../shared/contract/backups'
import { showRpcError } from '../../components/rpc-form-errors'
import { useBackupSettings, useUpdateBackupSettings } from '../../api/backups'
import { Field } from '../../components/Field'
import { Icon } from '../../components/Icon'
import { useFormGuard } from '../shell/use-form-guard'

function valuesOf(saved: BackupSettings): BackupSettingsInput {
  return {
    folder: saved.folder,
    keepRecent: saved.keepRecent,
    keepDaily: saved.keepDaily,
    keepWeekly: saved.keepWeekly,
    keepMonthly: saved.keepMonthly,
    encrypt: saved.encrypt,
    passphrase: '',
  }
}

export function BackupSettingsForm() {
  const settings = useBackupSettings()
  if (!settings.data) return null
  return <SettingsForm saved={settings.data} />
}

function SettingsForm({ saved }: { saved: Revisioned<BackupSettings> }) {
  const update = useUpdateBackupSettings()
  const base = useBaseRevision(saved.revision)
  const [formError, setFormError] = useState<string | null>(null)
  const [savedNote, setSavedNote] = useState<string | null>(null)
  const form = useForm<BackupSettingsInput, unknown, BackupSettingsInput>({
    resolver: zodResolver(backupSettingsInput),
    mode: 'onTouched',
    defaultValues: valuesOf(saved),
  })
  useFormGuard(form, 'the backup settings')
  const { register, handleSubmit, formState, reset, setError, control } = form
  const encrypt = useWatch({ control, name: 'encrypt' })
  const errors = formState.errors

  const submit = handleSubmit(async (input) => {
    setFormError(null)
    setSavedNote(null)
    try {
      const { passphrase, ...rest } = input
      const result = await update.mutateAsync({
        ...(passphrase ? input : rest),
        baseRevision: base.get(),
      })
      base.saved(result.revision)
      reset(valuesOf(result))
      setSavedNote('Backup settings saved')
    } catch (error) {
      setFormError(showRpcError(error, { setError, control }))
    }
  })

  return (
    <form
      className="subsection"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="backup-settings-title"
    >
      <div className="card-head">
        <h3 id="backup-settings-title">Backup settings</h3>
        <span className="save-state" role="status" aria-live="polite">
          {formState.isDirty ? 'Backup settings not saved yet' : savedNote}
        </span>
      </div>
      {formError && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" /> {formError}
        </div>
      )}
      <div className="form-grid">
        <Field
          label="Backup folder"
          hint={`Leave empty for ${saved.defaultFolder}. A USB drive or network folder works.`}
          error={errors.folder?.message}
        >
          <input type="text" spellCheck={false} {...register('folder')} />
        </Field>
        <div className="keep-grid">
          <Field label="Recent backups kept" error={errors.keepRecent?.message}>
            <input type="number" min={1} {...register('keepRecent', { valueAsNumber: true })} />
          </Field>
          <Field label="Daily backups kept" error={errors.keepDaily?.message}>
            <input type="number" min={1} {...register('keepDaily', { valueAsNumber: true })} />
          </Field>
          <Field label="Weekly backups kept" error={errors.keepWeekly?.message}>
            <input type="number" min={1} {...register('keepWeekly', { valueAsNumber: true })} />
          </Field>
          <Field label="Monthly backups kept" error={errors.keepMonthly?.message}>
            <input type="number" min={1} {...register('keepMonthly', { valueAsNumber: true })} />
          </Field>
        </div>
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" {...register('encrypt')} /> Use a passphrase instead of the
            clinic key
          </label>
          <p className="field-hint">
            Backups are always encrypted: a backup on a lost USB stick is unreadable without its
            key. By default it opens with this clinic’s key or its printed recovery key; with a
            passphrase, only with the passphrase. Keep it somewhere safe: without it, a backup
            cannot be restored on another computer.
          </p>
        </div>
        {encrypt && (
          <Field
            label={saved.hasPassphrase ? 'New passphrase (optional)' : 'Passphrase'}
            hint="At least 10 characters; three unrelated words work well"
            error={errors.passphrase?.message}
          >
            <input type="password" autoComplete="new-password" {...register('passphrase')} />
          </Field>
        )}
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="button secondary"
          disabled={!formState.isDirty || update.isPending}
          onClick={() => reset(valuesOf(saved))}
        >
          Discard backup changes
        </button>
        <button type="submit" className="button primary" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save backup settings'}
        </button>
      </div>
    </form>
  )
}
