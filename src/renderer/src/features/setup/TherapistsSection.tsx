import '../diary/diary.css'
import type { Revisioned } from '../../../../shared/contract/revisions'
import { useBaseRevision } from '../../components/use-base-revision'
import { useId, useState } from 'react'
import { useForm, useWatch } from 'react-hook-form'
import type { Therapist } from '../../../../shared/contract/diary-setup'
import {
  useAddTimeOff,
  useClinicHours,
  useCreateTherapist,
  useRemoveTimeOff,
  useServices,
  useTherapists,
  useUpdateTherapist,
} from '../../api/diary'
import { useStaff } from '../../api/staff'
import { nextColour } from './colours'
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
import { errorWords } from '../../components/rpc-form-errors'

const dateFmt = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
})
const showDate = (iso: string) => dateFmt.format(new Date(`${iso}T12:00:00`))

/** "3 Mar 2026 – 10 Mar 2026", or "3 Mar 2026, 14:00–17:00" for part of a day. */
function showTimeOff(t: Therapist['timeOff'][number]): string {
  const days =
    t.startsOn === t.endsOn
      ? showDate(t.startsOn)
      : `${showDate(t.startsOn)} – ${showDate(t.endsOn)}`
  return t.fromTime ? `${days}, ${t.fromTime}–${t.untilTime}` : days
}

function hoursSummary(t: Therapist): string {
  const days = WEEKDAYS.filter((d) => t.hours.some((h) => h.weekday === d.n)).map((d) => d.short)
  return days.length ? days.join(' ') : 'No working hours yet'
}

export function TherapistsSection() {
  const therapists = useTherapists(true)
  const services = useServices(true)
  const [editing, setEditing] = useState<number | 'new' | null>(null)
  const current = therapists.data?.find((t) => t.id === editing)

  return (
    <div className="stack">
      <section className="card" aria-labelledby="therapists-title">
        <div className="card-head">
          <h2 id="therapists-title">Therapists</h2>
          <button type="button" className="button primary" onClick={() => setEditing('new')}>
            Add therapist
          </button>
        </div>
        {therapists.isError && (
          <div className="banner banner-error" role="alert">
            <Icon name="alert" /> {errorWords(therapists.error)}
          </div>
        )}
        {therapists.data?.length === 0 && (
          <p className="muted">
            Add the people who treat clients: their working week, the services they offer and their
            holidays decide what the diary can book.
          </p>
        )}
        {therapists.data && therapists.data.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Works</th>
                <th scope="col">Services</th>
                <th scope="col">Next time off</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {therapists.data.map((t) => (
                <tr key={t.id} className={t.active ? undefined : 'inactive'}>
                  <td>
                    <ColourDot colour={t.colour} /> {t.name}
                    {!t.active && <span className="muted"> (not taking bookings)</span>}
                  </td>
                  <td>{hoursSummary(t)}</td>
                  <td>{t.serviceIds.length}</td>
                  <td>{t.timeOff[0] ? showTimeOff(t.timeOff[0]) : '—'}</td>
                  <td className="cell-actions">
                    <button
                      type="button"
                      className="button small secondary"
                      aria-label={`Edit ${t.name}`}
                      onClick={() => setEditing(t.id)}
                    >
                      Edit
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {editing === 'new' && services.data && (
        <TherapistForm
          services={services.data}
          newColour={nextColour(therapists.data?.map((t) => t.colour) ?? [])}
          onDone={() => setEditing(null)}
        />
      )}
      {current && services.data && (
        <>
          <TherapistForm
            key={current.id}
            therapist={current}
            services={services.data}
            onDone={() => setEditing(null)}
          />
          <TimeOffCard therapist={current} />
        </>
      )}
    </div>
  )
}

export function ColourDot({ colour }: { colour: string }) {
  return (
    <svg width="12" height="12" aria-hidden="true" className="colour-dot">
      <circle cx="6" cy="6" r="6" fill={colour} />
    </svg>
  )
}

interface FormValues {
  name: string
  colour: string
  active: boolean
  userId: string
  serviceIds: string[]
  hours: Record<string, string>
  breaks: Record<string, string>
}

function TherapistForm({
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
  const staff = useStaff()
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
  const { register, handleSubmit, formState, setError, control } = useForm<FormValues>({
    defaultValues: defaults,
  })
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
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={onDone}>
            Close
          </button>
          <button
            type="submit"
            className="button primary"
            disabled={create.isPending || update.isPending}
          >
            {therapist ? 'Save changes' : 'Add therapist'}
          </button>
        </div>
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

function TimeOffCard({ therapist }: { therapist: Therapist }) {
  const add = useAddTimeOff()
  const remove = useRemoveTimeOff()
  const [formError, setFormError] = useState<string | null>(null)
  const empty = { startsOn: '', endsOn: '', reason: 'Holiday', fromTime: '', untilTime: '' }
  const { register, handleSubmit, formState, setError, reset, control } = useForm<{
    startsOn: string
    endsOn: string
    reason: string
    /** Empty for whole days. */
    fromTime: string
    untilTime: string
  }>({ defaultValues: empty })
  const submit = handleSubmit(async ({ fromTime, untilTime, ...values }) => {
    setFormError(null)
    try {
      await add.mutateAsync({
        therapistId: therapist.id,
        ...values,
        // One day is the usual part-day case (a dentist's appointment): no last day needed.
        endsOn: values.endsOn || (fromTime ? values.startsOn : values.endsOn),
        fromTime: fromTime || null,
        untilTime: untilTime || null,
      })
      reset(empty)
    } catch (error) {
      setFormError(showRpcError(error, { setError, control }))
    }
  })
  return (
    <section className="card" aria-labelledby="time-off-title">
      <div className="card-head">
        <h2 id="time-off-title">{therapist.name}’s time off</h2>
      </div>
      {therapist.timeOff.length === 0 ? (
        <p className="muted">No holidays or sickness recorded from today on.</p>
      ) : (
        <ul className="plain-list">
          {therapist.timeOff.map((t) => (
            <li key={t.id}>
              <span>
                {showTimeOff(t)} · {t.reason}
              </span>
              <button
                type="button"
                className="button small secondary"
                onClick={() => remove.mutate({ id: t.id })}
                aria-label={`Remove time off from ${showDate(t.startsOn)}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="inline-form wrap"
        onSubmit={(e) => void submit(e)}
        noValidate
        aria-label="Add time off"
      >
        {formError && (
          <div className="banner banner-error" role="alert">
            <Icon name="alert" /> {formError}
          </div>
        )}
        <Field label="First day" error={formState.errors.startsOn?.message}>
          <input type="date" {...register('startsOn')} />
        </Field>
        <Field label="Last day" error={formState.errors.endsOn?.message}>
          <input type="date" {...register('endsOn')} />
        </Field>
        <Field
          label="From (part of a day)"
          hint="Empty for whole days"
          error={formState.errors.fromTime?.message}
        >
          <input type="time" step={900} {...register('fromTime')} />
        </Field>
        <Field
          label="Until"
          hint="On each of those days"
          error={formState.errors.untilTime?.message}
        >
          <input type="time" step={900} {...register('untilTime')} />
        </Field>
        <Field label="Reason" error={formState.errors.reason?.message}>
          <input type="text" list="time-off-reasons" {...register('reason')} />
        </Field>
        <datalist id="time-off-reasons">
          <option value="Holiday" />
          <option value="Sickness" />
          <option value="Training course" />
        </datalist>
        <button type="submit" className="button secondary" disabled={add.isPending}>
          Add time off
        </button>
      </form>
    </section>
  )
}
