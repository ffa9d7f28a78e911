import '../diary/diary.css'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import type { Therapist } from '../../../../shared/contract/diary-setup'
import { useAddTimeOff, useRemoveTimeOff } from '../../api/diary'
import { Field } from '../../components/Field'
import { Icon } from '../../components/Icon'
import { showRpcError } from '../../components/rpc-form-errors'
import { useFormGuard } from '../shell/use-form-guard'

const dateFmt = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
})
const showDate = (iso: string) => dateFmt.format(new Date(`${iso}T12:00:00`))

/** "3 Mar 2026 – 10 Mar 2026", or "3 Mar 2026, 14:00–17:00" for part of a day. */
export function showTimeOff(t: Therapist['timeOff'][number]): string {
  const days =
    t.startsOn === t.endsOn
      ? showDate(t.startsOn)
      : `${showDate(t.startsOn)} – ${showDate(t.endsOn)}`
  return t.fromTime ? `${days}, ${t.fromTime}–${t.untilTime}` : days
}

export function TimeOffCard({ therapist }: { therapist: Therapist }) {
  const add = useAddTimeOff()
  const remove = useRemoveTimeOff()
  const [formError, setFormError] = useState<string | null>(null)
  const empty = { startsOn: '', endsOn: '', reason: 'Holiday', fromTime: '', untilTime: '' }
  const { register, handleSubmit, formState, setError, reset, control, getValues } = useForm<{
    startsOn: string
    endsOn: string
    reason: string
    /** Empty for whole days. */
    fromTime: string
    untilTime: string
  }>({ defaultValues: empty })
  useFormGuard({ formState, reset, getValues }, 'the time off')
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
