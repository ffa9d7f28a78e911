import '../diary/diary.css'
import type { Revisioned } from '../../../../shared/contract/revisions'
import { useState } from 'react'
import { useFieldArray, useForm, useWatch } from 'react-hook-form'
import type { ClinicHours } from '../../../../shared/contract/diary-setup'
import { useClinicHours, useTherapists, useUpdateClinicHours } from '../../api/diary'
import { useBaseRevision } from '../../components/use-base-revision'
import { Field } from '../../components/Field'
import { Icon } from '../../components/Icon'
import { showRpcError } from '../../components/rpc-form-errors'
import { hoursOutsideOpening, openingPathToDay, WEEKDAYS } from './time-ranges'
import { errorWords } from '../../components/rpc-form-errors'
import { useFormGuard } from '../shell/use-form-guard'

export function HoursSection() {
  const hours = useClinicHours()
  if (hours.isError)
    return (
      <div className="banner banner-error" role="alert">
        <Icon name="alert" /> {errorWords(hours.error)}
      </div>
    )
  return hours.data ? <HoursForm saved={hours.data} /> : <p className="muted">Loading…</p>
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/

interface Values {
  days: { open: boolean; opens: string; closes: string }[]
  closures: { date: string; reason: string }[]
  cancellationNoticeHours: string
}

function HoursForm({ saved }: { saved: Revisioned<ClinicHours> }) {
  const update = useUpdateClinicHours()
  const base = useBaseRevision(saved.revision)
  const [formError, setFormError] = useState<string | null>(null)
  const [savedNote, setSavedNote] = useState(false)
  const { register, handleSubmit, formState, setError, control, reset, getValues } =
    useForm<Values>({
      defaultValues: {
        days: WEEKDAYS.map((d) => {
          const o = saved.opening.find((x) => x.weekday === d.n)
          return { open: Boolean(o), opens: o?.opens ?? '09:00', closes: o?.closes ?? '17:00' }
        }),
        closures: saved.closures,
        cancellationNoticeHours: String(saved.cancellationNoticeHours),
      },
    })
  useFormGuard({ formState, reset, getValues }, 'the opening hours')
  const closures = useFieldArray({ control, name: 'closures' })
  const days = useWatch({ control, name: 'days' })
  // Therapists' hours the typed opening hours would leave unbookable: warned about, not
  // refused (the owner may mean it), so nobody wonders why the diary stopped offering them.
  const therapists = useTherapists(false).data ?? []
  const typedOpening = days.flatMap((d, i) =>
    d.open && HH_MM.test(d.opens) && HH_MM.test(d.closes)
      ? [{ weekday: i + 1, opens: d.opens, closes: d.closes }]
      : [],
  )
  const unbookable = (weekday: number) =>
    therapists.flatMap((t) => {
      const outside = hoursOutsideOpening(t.hours, typedOpening, weekday)
      return outside.length ? [`${t.name} ${outside.join(', ')}`] : []
    })
  const submit = handleSubmit(async (v) => {
    setFormError(null)
    setSavedNote(false)
    const opening = v.days.flatMap((d, i) =>
      d.open ? [{ weekday: i + 1, opens: d.opens, closes: d.closes }] : [],
    )
    try {
      const result = await update.mutateAsync({
        baseRevision: base.get(),
        opening,
        closures: v.closures,
        cancellationNoticeHours: Number(v.cancellationNoticeHours),
      })
      base.saved(result.revision)
      setSavedNote(true)
    } catch (error) {
      setFormError(showRpcError(error, { setError, control }, openingPathToDay(opening)))
    }
  })
  const e = formState.errors
  return (
    <form
      className="stack"
      onSubmit={(ev) => void submit(ev)}
      noValidate
      aria-label="Opening hours"
    >
      {formError && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" /> {formError}
        </div>
      )}
      <section className="card" aria-labelledby="opening-title">
        <div className="card-head">
          <h2 id="opening-title">Opening hours</h2>
          {savedNote && (
            <span className="save-state" role="status">
              <Icon name="check" size={14} /> Saved
            </span>
          )}
        </div>
        <div className="opening-grid">
          {WEEKDAYS.map((d, i) => (
            <div className="opening-row" key={d.n}>
              <label className="check">
                <input type="checkbox" {...register(`days.${i}.open`)} /> {d.long}
              </label>
              {days[i]?.open ? (
                <>
                  <input
                    type="text"
                    inputMode="numeric"
                    // 24-hour text, not type="time": that follows the browser's locale
                    // and shows AM/PM on many machines.
                    placeholder="09:00"
                    aria-label={`${d.long} opens`}
                    aria-invalid={e.days?.[i]?.opens ? true : undefined}
                    {...register(`days.${i}.opens`, {
                      pattern: { value: /^([01]\d|2[0-3]):[0-5]\d$/, message: 'Use 24-hour HH:MM' },
                    })}
                  />
                  <span aria-hidden="true">to</span>
                  <input
                    type="text"
                    inputMode="numeric"
                    // 24-hour text, not type="time": that follows the browser's locale
                    // and shows AM/PM on many machines.
                    placeholder="09:00"
                    aria-label={`${d.long} closes`}
                    aria-invalid={e.days?.[i]?.closes ? true : undefined}
                    {...register(`days.${i}.closes`, {
                      pattern: { value: /^([01]\d|2[0-3]):[0-5]\d$/, message: 'Use 24-hour HH:MM' },
                    })}
                  />
                </>
              ) : (
                <span className="muted">Closed</span>
              )}
              {unbookable(d.n).length > 0 && (
                <span className="field-warning">
                  Outside these hours, not bookable: {unbookable(d.n).join('; ')}
                </span>
              )}
              {(e.days?.[i]?.opens ?? e.days?.[i]?.closes) && (
                <span className="field-error" role="alert">
                  {(e.days?.[i]?.opens ?? e.days?.[i]?.closes)?.message}
                </span>
              )}
            </div>
          ))}
        </div>
      </section>
      <section className="card" aria-labelledby="closures-title">
        <div className="card-head">
          <h2 id="closures-title">Closure days</h2>
          <button
            type="button"
            className="button small secondary"
            onClick={() => closures.append({ date: '', reason: 'Bank holiday' })}
          >
            Add a closure day
          </button>
        </div>
        {closures.fields.length === 0 && (
          <p className="muted">Bank holidays and other days the clinic is shut.</p>
        )}
        {closures.fields.map((f, i) => (
          <div className="inline-form" key={f.id}>
            <Field label="Date" error={e.closures?.[i]?.date?.message}>
              <input type="date" {...register(`closures.${i}.date`)} />
            </Field>
            <Field label="Reason" error={e.closures?.[i]?.reason?.message}>
              <input type="text" {...register(`closures.${i}.reason`)} />
            </Field>
            <button type="button" className="button secondary" onClick={() => closures.remove(i)}>
              Remove
            </button>
          </div>
        ))}
      </section>
      <section className="card" aria-labelledby="notice-title">
        <div className="card-head">
          <h2 id="notice-title">Cancellations</h2>
        </div>
        <div className="inline-form">
          <Field
            label="Notice period (hours)"
            hint="A client cancelling later than this is marked as a late cancellation"
            error={e.cancellationNoticeHours?.message}
          >
            <input type="number" min={0} max={168} {...register('cancellationNoticeHours')} />
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={update.isPending}>
            Save hours
          </button>
        </div>
      </section>
    </form>
  )
}
