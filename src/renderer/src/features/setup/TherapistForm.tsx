import '../diary/diary.css'
import type { Revisioned } from '../../../../shared/contract/revisions'
import { useBaseRevision } from '../../components/use-base-revision'
import { useId, useState } from 'react'
import { useForm, useWatch } from 'react-hook-form'
import type { Therapist } from '../../../../shared/contract/diary-setup'
import { useClinicHours, useCreateTherapist, useUpdateTherapist } from '../../api/diary'
import { useUsers } from '../../api/users'
import { Field } from '../../components/Field'
import { Icon } from '../../components/Icon'
import { showRpcError } from '../../components/rpc-form-errors'
import {
  formatRanges,
  openingWarning,
  parseRanges,
  rangePathToDay,
  SWATCHES,
  WEEKDAYS,
  type DayRange,
} from './time-ranges'
import { useFormGuard } from '../shell/use-form-guard'
import { FormActions } from '../../components/FormActions'

interface FormValues {
  name: string
  colour: string
  active: boolean
  userId: string
  serviceIds: string[]
  hours: Record<string, string>
  breaks: Record<string, string>
}

export function TherapistForm({
  therapist,
  services,
  newColour,
  onDone,
}: {
  therapist?: Revisioned<Therapist>
  services: { id: number; name: string; active: boolean }[]
  /** The colour a new therapist starts with. */
  newColour?: string
  onDone(): void
}) {
  const base = useBaseRevision(therapist?.revision)
  const create = useCreateTherapist()
  const update = useUpdateTherapist()
  const staff = useUsers()
  const [formError, setFormError] = useState<string | null>(null)
  const defaults: FormValues = {
    name: therapist?.name ?? '',
    colour: therapist?.colour ?? newColour ?? SWATCHES[0]!,
    active: therapist?.active ?? true,
    userId: therapist?.userId ? String(therapist.userId) : '',
    serviceIds: (therapist?.serviceIds ?? services.filter((s) => s.active).map((s) => s.id)).map(
      String,
    ),
    hours: Object.fromEntries(
      WEEKDAYS.map((d) => [
        d.short,
        therapist ? formatRanges(therapist.hours, d.n) : d.n <= 5 ? '09:00-17:00' : '',
      ]),
    ),
    breaks: Object.fromEntries(
      WEEKDAYS.map((d) => [d.short, therapist ? formatRanges(therapist.breaks, d.n) : '']),
    ),
  }
  const { register, handleSubmit, formState, setError, control, reset, getValues } =
    useForm<FormValues>({
      defaultValues: defaults,
    })
  useFormGuard(
    { formState, reset, getValues },
    therapist ? `the therapist ${therapist.name}` : 'the new therapist',
  )
  const errors = formState.errors
  // Warn, not refuse: a therapist's template may run past a shorter opening day, but the
  // diary will not offer those times, and the owner should know before a client asks.
  const opening = useClinicHours().data?.opening
  const typedHours = useWatch({ control, name: 'hours' })
  const openingWarningFor = (d: (typeof WEEKDAYS)[number]) =>
    opening
      ? openingWarning(parseRanges(typedHours?.[d.short] ?? '', d.n).ranges, opening, d.n)
      : null

  const submit = handleSubmit(async (values) => {
    setFormError(null)
    const hours: DayRange[] = []
    const breaks: DayRange[] = []
    let bad = false
    for (const d of WEEKDAYS) {
      const h = parseRanges(values.hours[d.short] ?? '', d.n)
      const b = parseRanges(values.breaks[d.short] ?? '', d.n)
      if (h.error) setError(`hours.${d.short}`, { message: h.error })
      if (b.error) setError(`breaks.${d.short}`, { message: b.error })
      bad ||= Boolean(h.error || b.error)
      hours.push(...h.ranges)
      breaks.push(...b.ranges)
    }
    if (bad) return
    const input = {
      name: values.name,
      colour: values.colour,
      active: values.active,
      userId: values.userId ? Number(values.userId) : null,
      serviceIds: values.serviceIds.map(Number),
      hours,
      breaks,
    }
    try {
      if (therapist) {
        await update.mutateAsync({ id: therapist.id, ...input, baseRevision: base.get() })
      } else await create.mutateAsync(input)
      onDone()
    } catch (error) {
      setFormError(
        showRpcError(error, { setError, control }, (path) =>
          rangePathToDay(path, { hours, breaks }),
        ),
      )
    }
  })

  const therapistAccounts = staff.data?.filter((u) => u.role === 'therapist') ?? []
  const title = therapist ? `Edit ${therapist.name}` : 'New therapist'
  return (
    <section className="card" aria-labelledby="therapist-form-title">
      <div className="card-head">
        <h2 id="therapist-form-title">{title}</h2>
      </div>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
        {formError && (
          <div className="banner banner-error" role="alert">
            <Icon name="alert" /> {formError}
          </div>
        )}
        <div className="form-grid">
          <Field label="Name" error={errors.name?.message}>
            <input type="text" {...register('name', { required: 'Enter the name' })} />
          </Field>
          <Field label="Colour in the diary" error={errors.colour?.message}>
            <input type="color" {...register('colour')} />
          </Field>
          <Field
            label="Signs in as"
            hint="The staff account whose diary and notes are this therapist’s"
            error={errors.userId?.message}
          >
            <select {...register('userId')}>
              <option value="">No account linked</option>
              {therapistAccounts.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName} ({u.username})
                </option>
              ))}
            </select>
          </Field>
          <div className="field checkbox-field">
            <label>
              <input type="checkbox" {...register('active')} /> Takes bookings
            </label>
            <p className="field-hint">Untick when someone leaves; their past bookings stay.</p>
          </div>
        </div>
        <fieldset className="fieldset">
          <legend>Services offered</legend>
          {errors.serviceIds && (
            <p className="field-error" role="alert">
              {errors.serviceIds.message}
            </p>
          )}
          <div className="check-grid">
            {services.map((s) => (
              <label key={s.id} className="check">
                <input type="checkbox" value={String(s.id)} {...register('serviceIds')} />
                {s.name}
                {!s.active && <span className="muted"> (inactive)</span>}
              </label>
            ))}
            {services.length === 0 && (
              <p className="muted">Add services first (Settings → Services).</p>
            )}
          </div>
        </fieldset>
        <fieldset className="fieldset">
          <legend>Working week</legend>
          <p className="field-hint">
            Several ranges a day are fine, e.g. <code>09:00-13:00, 14:00-20:00</code>. Leave a day
            empty when they do not work.
          </p>
          <div className="week-grid">
            <span className="week-grid-head">Day</span>
            <span className="week-grid-head">Working hours</span>
            <span className="week-grid-head">Breaks</span>
            {WEEKDAYS.map((d) => (
              <WeekRow
                key={d.n}
                day={d}
                hours={register(`hours.${d.short}`)}
                breaks={register(`breaks.${d.short}`)}
                hoursError={errors.hours?.[d.short]?.message}
                hoursWarning={openingWarningFor(d)}
                breaksError={errors.breaks?.[d.short]?.message}
              />
            ))}
          </div>
        </fieldset>
        <FormActions
          leave="Close"
          onLeave={onDone}
          submit={therapist ? 'Save changes' : 'Add therapist'}
          busy={create.isPending || update.isPending}
        />
      </form>
    </section>
  )
}

function WeekRow({
  day,
  hours,
  breaks,
  hoursError,
  hoursWarning,
  breaksError,
}: {
  day: (typeof WEEKDAYS)[number]
  hours: ReturnType<ReturnType<typeof useForm<FormValues>>['register']>
  breaks: ReturnType<ReturnType<typeof useForm<FormValues>>['register']>
  hoursError: string | undefined
  hoursWarning: string | null
  breaksError: string | undefined
}) {
  const warningId = useId()
  return (
    <>
      <span className="week-grid-day">{day.long}</span>
      <span className={hoursError ? 'field has-error' : 'field'}>
        <input
          type="text"
          aria-label={`${day.long} working hours`}
          placeholder="Not working"
          aria-invalid={hoursError ? true : undefined}
          aria-describedby={!hoursError && hoursWarning ? warningId : undefined}
          {...hours}
        />
        {hoursError && (
          <span className="field-error" role="alert">
            {hoursError}
          </span>
        )}
        {!hoursError && hoursWarning && (
          <span className="field-warning" id={warningId}>
            {hoursWarning}
          </span>
        )}
      </span>
      <span className={breaksError ? 'field has-error' : 'field'}>
        <input
          type="text"
          aria-label={`${day.long} breaks`}
          placeholder="No break"
          aria-invalid={breaksError ? true : undefined}
          {...breaks}
        />
        {breaksError && (
          <span className="field-error" role="alert">
            {breaksError}
          </span>
        )}
      </span>
    </>
  )
}
