import { useCallback, useEffect, useState } from 'react'
import type { Revisioned } from '../../../../shared/contract/revisions'
import { formatInstant } from '../../clinic-time'
import { useForm, useWatch } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import {
  clinicSettingsInput,
  type ClinicSettings,
  type ClinicSettingsInput,
} from '../../../../shared/contract/settings'
import { useClinicSettings, useUpdateClinicSettings } from '../../api/settings'
import { ErrorBanner } from '../../components/ErrorBanner'
import { Field } from '../../components/Field'
import { useFormError } from '../../components/rpc-form-errors'
import { phoneWarning } from '../../../../shared/phone-check'
import { Icon } from '../../components/Icon'
import { HoursSection } from '../setup/HoursSection'
import { RoomsSection } from '../setup/RoomsSection'
import { ServicesSection } from '../setup/ServicesSection'
import { TherapistsSection } from '../setup/TherapistsSection'
import { UsersSection } from '../users/UsersSection'
import { BackupsSection } from '../backups/BackupsSection'
import { ImportSection } from '../portability/ImportSection'
import { ExportSection } from '../portability/ExportSection'
import { RetentionSection } from '../portability/RetentionSection'
import { ClientSettingsCard } from '../clients/ClientSettingsCard'
import { CURRENCIES, LOCALES, TIME_ZONES } from './options'
import { TemplatesSection } from '../notes/TemplatesSection'
import { ExercisesSection } from '../exercises/ExercisesSection'
import { LettersSection } from '../letters/LettersSection'
import { SecuritySection } from './SecuritySection'
import { NetworkSection } from '../network/NetworkSection'
import { useBaseRevision } from '../../components/use-base-revision'
import {
  clearSettingsDraft,
  readSettingsDraft,
  readSettingsDraftBase,
  writeSettingsDraft,
} from './settings-draft'
import { MoneySettingsSection } from '../money/MoneySettingsSection'
import { errorWords } from '../../components/rpc-form-errors'

type FormValues = ClinicSettingsInput

function formValuesOf(saved: ClinicSettings): FormValues {
  const { updatedAt: _updatedAt, ...values } = saved
  return values
}

const SECTIONS = [
  { id: null, path: 'settings', label: 'Clinic' },
  { id: 'hours', path: 'settings/hours', label: 'Hours' },
  { id: 'therapists', path: 'settings/therapists', label: 'Therapists' },
  { id: 'services', path: 'settings/services', label: 'Services' },
  { id: 'rooms', path: 'settings/rooms', label: 'Rooms' },
  { id: 'staff', path: 'settings/staff', label: 'Staff' },
  { id: 'money', path: 'settings/money', label: 'Money' },
  { id: 'notes', path: 'settings/notes', label: 'Note templates' },
  { id: 'exercises', path: 'settings/exercises', label: 'Exercises' },
  { id: 'letters', path: 'settings/letters', label: 'Letters' },
  { id: 'security', path: 'settings/security', label: 'Security' },
  { id: 'backups', path: 'settings/backups', label: 'Backups' },
  { id: 'network', path: 'settings/network', label: 'Network' },
  { id: 'import', path: 'settings/import', label: 'Import & export' },
] as const

export function SettingsScreen({ section }: { section: string | null }) {
  const current = SECTIONS.find((s) => s.id === section) ?? SECTIONS[0]
  return (
    <>
      <header className="page-header">
        <h1>Settings</h1>
        <p className="page-subtitle">
          Your clinic, the people who use Plinth, and how it keeps records safe.
        </p>
      </header>
      <nav className="tabs" aria-label="Settings sections">
        {SECTIONS.map((s) => (
          <a
            key={s.path}
            href={`#/${s.path}`}
            className="tab"
            aria-current={s === current ? 'page' : undefined}
          >
            {s.label}
          </a>
        ))}
      </nav>
      {current.id === null && <ClinicSection />}
      {current.id === 'hours' && <HoursSection />}
      {current.id === 'therapists' && <TherapistsSection />}
      {current.id === 'services' && <ServicesSection />}
      {current.id === 'rooms' && <RoomsSection />}
      {current.id === 'staff' && <UsersSection />}
      {current.id === 'money' && <MoneySettingsSection />}
      {current.id === 'notes' && <TemplatesSection />}
      {current.id === 'exercises' && <ExercisesSection />}
      {current.id === 'letters' && <LettersSection />}
      {current.id === 'security' && <SecuritySection />}
      {current.id === 'backups' && <BackupsSection />}
      {current.id === 'network' && <NetworkSection />}
      {current.id === 'import' && (
        <>
          <ImportSection />
          <ImportSection kind="appointments" />
          <ExportSection />
          <RetentionSection />
        </>
      )}
    </>
  )
}

function ClinicSection() {
  const settings = useClinicSettings()
  return (
    <>
      {settings.isPending && <p className="muted">Loading settings…</p>}
      {settings.isError && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" /> Settings could not be loaded: {errorWords(settings.error)}
        </div>
      )}
      {settings.data && <ClinicDetailsForm saved={settings.data} />}
      <ClientSettingsCard />
    </>
  )
}

function ClinicDetailsForm({ saved }: { saved: Revisioned<ClinicSettings> }) {
  const update = useUpdateClinicSettings()
  const base = useBaseRevision(readSettingsDraftBase() ?? saved.revision)
  const [savedAt, setSavedAt] = useState<string | null>(null)
  const [restored] = useState(() => readSettingsDraft())

  const form = useForm<FormValues, unknown, ClinicSettingsInput>({
    resolver: zodResolver(clinicSettingsInput),
    mode: 'onTouched',
    defaultValues: formValuesOf(saved),
  })
  const { register, handleSubmit, formState, reset, setError, control } = form

  useEffect(() => {
    if (restored) reset(restored, { keepDefaultValues: true })
  }, [restored, reset])

  const values = useWatch({ control })
  useEffect(() => {
    if (formState.isDirty) writeSettingsDraft(values as FormValues, base.get())
    else clearSettingsDraft()
  }, [values, formState.isDirty, base])

  const { formError, setFormError, attempt } = useFormError({ setError, control })
  const onSubmit = useCallback(
    (input: ClinicSettingsInput) =>
      attempt(async () => {
        const result = await update.mutateAsync({ ...input, baseRevision: base.get() })
        base.saved(result.revision)
        reset(formValuesOf(result))
        clearSettingsDraft()
        setSavedAt(formatInstant(result.updatedAt, 'HH:mm'))
      }),
    [attempt, update, reset, base],
  )

  const submit = handleSubmit(onSubmit)

  const errors = formState.errors
  return (
    <form
      className="card form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="clinic-details"
      data-save-shortcut
    >
      <div className="card-head">
        <h2 id="clinic-details">Clinic details</h2>
        <SaveState dirty={formState.isDirty} savedAt={savedAt} restored={Boolean(restored)} />
      </div>
      <ErrorBanner message={formError} />
      <div className="form-grid">
        <Field label="Clinic name" error={errors.clinicName?.message}>
          <input type="text" autoComplete="organization" {...register('clinicName')} />
        </Field>
        <Field
          label="Phone"
          hint={phoneWarning(values.phone) ?? 'Shown on letters and invoices'}
          error={errors.phone?.message}
        >
          <input type="tel" autoComplete="tel" {...register('phone')} />
        </Field>
        <Field label="Address" error={errors.address?.message}>
          <textarea rows={3} autoComplete="street-address" {...register('address')} />
        </Field>
        <Field
          label="Time zone"
          hint="Working hours, bookings and repeats follow this clock, including summer time"
          error={errors.timeZone?.message}
        >
          <select {...register('timeZone')}>
            {TIME_ZONES.map((tz) => (
              <option key={tz} value={tz}>
                {tz.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label="Currency"
          hint="Prices are kept in whole pence (or cents)"
          error={errors.currency?.message}
        >
          <select {...register('currency')}>
            {CURRENCIES.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label="Locale"
          hint="Date format and first day of the week"
          error={errors.locale?.message}
        >
          <select {...register('locale')}>
            {LOCALES.map((l) => (
              <option key={l.code} value={l.code}>
                {l.label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="button secondary"
          disabled={!formState.isDirty || update.isPending}
          onClick={() => {
            // After a refused stale save this is the latest version (the cache was reread).
            reset(formValuesOf(saved))
            base.saved(saved.revision)
            clearSettingsDraft()
            setFormError(null)
          }}
        >
          Discard changes
        </button>
        <button
          type="submit"
          className="button primary"
          disabled={update.isPending}
          aria-keyshortcuts="Control+S"
        >
          {update.isPending ? 'Saving…' : 'Save settings'}
        </button>
      </div>
    </form>
  )
}

function SaveState({
  dirty,
  savedAt,
  restored,
}: {
  dirty: boolean
  savedAt: string | null
  restored: boolean
}) {
  let text = 'All changes saved'
  if (dirty) text = restored ? 'Unsaved changes (restored from before)' : 'Unsaved changes'
  else if (savedAt) text = `Saved at ${savedAt}`
  return (
    <span className={dirty ? 'save-state dirty' : 'save-state'} role="status" aria-live="polite">
      {!dirty && <Icon name="check" size={14} />}
      {text}
    </span>
  )
}
