import { useCallback, useEffect, useMemo, useState } from 'react'
import type { Revisioned } from '../../../../shared/contract/revisions'
import { useForm, useWatch } from 'react-hook-form'
import { zodResolver } from '@hookform/resolvers/zod'
import type { ClientRecord } from '../../../../shared/contract/clients'
import { showRpcError } from '../../components/rpc-form-errors'
import { RpcError } from '../../../../shared/rpc'
import { TAGS_HINT } from '../../../../shared/clients/tags'
import { phoneWarning } from '../../../../shared/phone-check'
import { useClientSettings, useCreateClient, useUpdateClient } from '../../api/clients'
import { Field } from '../../components/Field'
import { Icon } from '../../components/Icon'
import {
  clearClientDraft,
  draftKey,
  readClientDraft,
  readDraftNotice,
  restoredBase,
  setDraftNotice,
  writeClientDraft,
} from './client-drafts'
import { useBaseRevision } from '../../components/use-base-revision'
import {
  EMPTY_CLIENT,
  clientFormSchema,
  formValuesOf,
  type ClientFormOutput,
  type ClientFormValues,
} from './client-form-schema'
import { PossibleDuplicates, useDuplicateCheck } from './PossibleDuplicates'
import { setUnsaved, useLeaveGuard } from './unsaved-guard'
import { ConsentBox } from './ConsentBox'

interface ClientFormProps {
  /** The saved record when editing; null when adding a new client. */
  saved: Revisioned<ClientRecord> | null
  onSaved(record: ClientRecord): void
  onCancel(): void
}

export function ClientForm({ saved, onSaved, onCancel }: ClientFormProps) {
  const key = draftKey(saved?.id ?? null)
  const [restored] = useState(() => readClientDraft(key))
  const [formError, setFormError] = useState<string | null>(() => readDraftNotice(key))
  const [formWarning, setFormWarning] = useState<string | null>(null)
  const [duplicatesSeen, setDuplicatesSeen] = useState(false)
  const referralSources = useClientSettings().data?.referralSources ?? []
  const create = useCreateClient()
  const update = useUpdateClient()
  // A restored draft was typed on the revision it started from, not on today's record.
  const base = useBaseRevision(restoredBase(key) ?? saved?.revision)
  const saving = create.isPending || update.isPending
  const defaults = useMemo(() => (saved ? formValuesOf(saved) : EMPTY_CLIENT), [saved])

  const form = useForm<ClientFormValues, unknown, ClientFormOutput>({
    resolver: zodResolver(clientFormSchema),
    mode: 'onTouched',
    defaultValues: defaults,
  })
  const { register, handleSubmit, formState, reset, setError, control } = form

  useEffect(() => {
    if (restored) reset(restored, { keepDefaultValues: true })
  }, [restored, reset])

  const values = useWatch({ control }) as ClientFormValues
  const who = saved ? saved.displayName : 'The new client'
  useEffect(() => {
    if (formState.isDirty) {
      writeClientDraft(key, values, base.get())
      setUnsaved(who)
    } else {
      clearClientDraft(key)
      setUnsaved(null)
    }
  }, [values, formState.isDirty, key, who, base])
  useEffect(() => () => setUnsaved(null), [])

  // Unsaved edits warn before leaving: by an in-app link (sidebar, breadcrumbs) or by
  // closing the window. Ctrl+K asks the same guard before opening another record.
  useLeaveGuard(formState.isDirty)

  const possibleDuplicates = useDuplicateCheck(values, !saved)

  const onSubmit = useCallback(
    async (input: ClientFormOutput) => {
      setFormError(null)
      if (possibleDuplicates.length > 0 && !duplicatesSeen) {
        setDuplicatesSeen(true)
        setFormWarning(
          'This caller may already be on file. Open the existing record, or save anyway.',
        )
        return
      }
      try {
        const record = saved
          ? await update.mutateAsync({ id: saved.id, client: input, baseRevision: base.get() })
          : await create.mutateAsync(input)
        clearClientDraft(key)
        base.saved(record.revision)
        setUnsaved(null)
        reset(formValuesOf(record))
        onSaved(record)
      } catch (error) {
        // clients.update nests the record under "client" and "tags.0" belongs to "tags": the
        // shared placement finds those fields, and words anything else into the banner.
        setFormError(showRpcError(error, { setError, control }))
        // The screen is reread after a stale save; the restored draft says why it was kept.
        if (error instanceof RpcError && error.code === 'conflict')
          setDraftNotice(key, error.message)
      }
    },
    [
      possibleDuplicates.length,
      duplicatesSeen,
      saved,
      update,
      create,
      key,
      reset,
      onSaved,
      setError,
      control,
      base,
    ],
  )
  const submit = handleSubmit(onSubmit)

  const errors = formState.errors
  const saveLabel = saved
    ? 'Save changes'
    : duplicatesSeen && possibleDuplicates.length > 0
      ? 'Save as a new client anyway'
      : 'Save client'

  return (
    <form
      className="client-form"
      onSubmit={(e) => void submit(e)}
      noValidate
      data-save-shortcut
      aria-label={saved ? `Edit ${saved.displayName}` : 'New client'}
    >
      <div className="form-status">
        <span className={formState.isDirty ? 'save-state dirty' : 'save-state'} role="status">
          {formState.isDirty
            ? restored
              ? 'Unsaved changes (restored draft)'
              : 'Unsaved changes'
            : 'No changes yet'}
        </span>
      </div>
      {formError && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" /> {formError}
        </div>
      )}
      {formWarning && possibleDuplicates.length > 0 && (
        <div className="banner banner-warn" role="alert">
          <Icon name="info" /> {formWarning}
        </div>
      )}
      <PossibleDuplicates matches={possibleDuplicates} />

      <section className="card form-section" aria-labelledby="sec-contact">
        <h2 id="sec-contact">Name and contact</h2>
        <div className="form-grid three">
          <Field label="First name" error={errors.firstName?.message}>
            <input type="text" autoComplete="off" {...register('firstName')} />
          </Field>
          <Field label="Last name" error={errors.lastName?.message}>
            <input type="text" autoComplete="off" {...register('lastName')} />
          </Field>
          <Field
            label="Preferred name"
            hint="What they like to be called"
            error={errors.preferredName?.message}
          >
            <input type="text" autoComplete="off" {...register('preferredName')} />
          </Field>
          <Field label="Mobile" hint={phoneWarning(values.mobile)} error={errors.mobile?.message}>
            <input type="tel" autoComplete="off" {...register('mobile')} />
          </Field>
          <Field
            label="Other phone"
            hint={phoneWarning(values.otherPhone)}
            error={errors.otherPhone?.message}
          >
            <input type="tel" autoComplete="off" {...register('otherPhone')} />
          </Field>
          <Field label="E-mail" error={errors.email?.message}>
            <input type="email" autoComplete="off" {...register('email')} />
          </Field>
          <Field label="Date of birth" hint="dd/mm/yyyy" error={errors.dateOfBirth?.message}>
            <input
              type="text"
              inputMode="numeric"
              autoComplete="off"
              {...register('dateOfBirth')}
            />
          </Field>
          <Field label="Title" error={errors.title?.message}>
            <input type="text" list="client-titles" autoComplete="off" {...register('title')} />
          </Field>
          <Field
            label="Sex / gender"
            hint="Optional, in their words"
            error={errors.gender?.message}
          >
            <input type="text" autoComplete="off" {...register('gender')} />
          </Field>
          <Field label="Address" error={errors.address?.message}>
            <textarea rows={2} autoComplete="off" {...register('address')} />
          </Field>
          <Field label="Postcode" error={errors.postcode?.message}>
            <input type="text" autoComplete="off" {...register('postcode')} />
          </Field>
          <Field label="Occupation" error={errors.occupation?.message}>
            <input type="text" autoComplete="off" {...register('occupation')} />
          </Field>
        </div>
        <datalist id="client-titles">
          {['Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Dr'].map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </section>

      <section className="card form-section" aria-labelledby="sec-sport">
        <h2 id="sec-sport">Sport and goals</h2>
        <div className="form-grid three">
          <Field label="Sports and activities" error={errors.sports?.message}>
            <input type="text" {...register('sports')} />
          </Field>
          <Field label="Weekly distance (km)" error={errors.weeklyKm?.message}>
            <input type="text" inputMode="decimal" {...register('weeklyKm')} />
          </Field>
          <Field
            label="Longest run, last 30 days (km)"
            hint="Plinth flags a run over 10% longer"
            error={errors.longestRunKm?.message}
          >
            <input type="text" inputMode="decimal" {...register('longestRunKm')} />
          </Field>
          <Field label="Runs a week" error={errors.runsPerWeek?.message}>
            <input type="text" inputMode="numeric" {...register('runsPerWeek')} />
          </Field>
          <Field
            label="Other training notes"
            hint="e.g. club intervals on Tuesdays"
            error={errors.weeklyTraining?.message}
          >
            <input type="text" {...register('weeklyTraining')} />
          </Field>
          <Field label="Goals" error={errors.goals?.message}>
            <input type="text" {...register('goals')} />
          </Field>
          <Field
            label="Upcoming event"
            hint="e.g. London Marathon"
            error={errors.eventName?.message}
          >
            <input type="text" {...register('eventName')} />
          </Field>
          <Field label="Event date" hint="dd/mm/yyyy" error={errors.eventDate?.message}>
            <input type="text" inputMode="numeric" autoComplete="off" {...register('eventDate')} />
          </Field>
          <Field
            label="Event distance (km)"
            hint="e.g. 42.2"
            error={errors.eventDistanceKm?.message}
          >
            <input type="text" inputMode="decimal" {...register('eventDistanceKm')} />
          </Field>
        </div>
      </section>

      <section className="card form-section" aria-labelledby="sec-emergency">
        <h2 id="sec-emergency">Emergency contact and GP</h2>
        <div className="form-grid three">
          <Field label="Emergency contact name" error={errors.emergencyName?.message}>
            <input type="text" {...register('emergencyName')} />
          </Field>
          <Field label="Relationship" error={errors.emergencyRelationship?.message}>
            <input type="text" {...register('emergencyRelationship')} />
          </Field>
          <Field
            label="Emergency contact phone"
            hint={phoneWarning(values.emergencyPhone)}
            error={errors.emergencyPhone?.message}
          >
            <input type="tel" {...register('emergencyPhone')} />
          </Field>
          <Field label="GP name" error={errors.gpName?.message}>
            <input type="text" {...register('gpName')} />
          </Field>
          <Field label="GP practice" error={errors.gpPractice?.message}>
            <input type="text" {...register('gpPractice')} />
          </Field>
          <Field label="GP address" error={errors.gpAddress?.message}>
            <input type="text" {...register('gpAddress')} />
          </Field>
        </div>
      </section>

      <section className="card form-section" aria-labelledby="sec-consent">
        <h2 id="sec-consent">Consent</h2>
        <div className="consent-grid">
          <ConsentBox
            register={register}
            name="consentTreatment"
            label="Consents to treatment"
            consent={saved?.consents.treatment}
          />
          <ConsentBox
            register={register}
            name="consentDataNotice"
            label="Data-processing notice acknowledged"
            consent={saved?.consents.dataNotice}
          />
          <ConsentBox
            register={register}
            name="marketingEmail"
            label="Happy to receive marketing e-mails"
            consent={saved?.consents.marketingEmail}
          />
          <ConsentBox
            register={register}
            name="marketingSms"
            label="Happy to receive marketing texts"
            consent={saved?.consents.marketingSms}
          />
        </div>
      </section>

      <section className="card form-section" aria-labelledby="sec-notes">
        <h2 id="sec-notes">Referral, tags and notes</h2>
        <div className="form-grid three">
          <Field label="Referral source" error={errors.referralSource?.message}>
            <input type="text" list="referral-sources" {...register('referralSource')} />
          </Field>
          <Field label="Tags" hint={TAGS_HINT} error={errors.tags?.message}>
            <input type="text" {...register('tags')} />
          </Field>
          <Field
            label="Notes"
            hint="Admin notes; treatment notes go in the notes section"
            error={errors.notes?.message}
          >
            <textarea rows={2} {...register('notes')} />
          </Field>
        </div>
        <datalist id="referral-sources">
          {referralSources.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
      </section>

      <div className="form-actions sticky-actions">
        <button
          type="button"
          className="button secondary"
          disabled={saving}
          onClick={() => {
            reset(defaults)
            clearClientDraft(key)
            setUnsaved(null)
            onCancel()
          }}
        >
          {formState.isDirty ? 'Discard changes' : 'Cancel'}
        </button>
        <button
          type="submit"
          className="button primary"
          disabled={saving}
          aria-keyshortcuts="Control+S"
        >
          {saving ? 'Saving…' : saveLabel}
        </button>
      </div>
    </form>
  )
}
