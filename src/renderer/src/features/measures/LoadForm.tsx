import { useState } from 'react'
import { sessionLoad } from '../../../../shared/measures/training-load'
import { Field } from '../../components/Field'
import { typedNumber } from '../../components/field-errors-of'
import type { VisitContext } from './MeasuresPanel'
import { SaveRow } from './SaveRow'
import { useMeasureSave } from './use-measure-save'

interface Row {
  minutes: string
  rpe: string
}

/**
 * Last week's training: each session's minutes and effort (RPE 0–10, whole session), summed
 * as RPE × minutes (Foster 2001); and the week's longest run, which Plinth checks against
 * the longest of the 30 days before (the 10% flag, Garmin-RUNSAFE).
 */
export function LoadForm({
  visit,
  onSaved,
}: {
  visit: VisitContext
  onSaved(words: string): void
}) {
  const [rows, setRows] = useState<Row[]>([{ minutes: '', rpe: '' }])
  const [longest, setLongest] = useState('')
  const [longestOn, setLongestOn] = useState('')
  const { save, errors, failure, pending } = useMeasureSave(visit, onSaved)
  const sessions = rows
    .filter((r) => r.minutes.trim() !== '' || r.rpe.trim() !== '')
    .map((r) => ({
      minutes: typedNumber(r.minutes) ?? Number.NaN,
      rpe: typedNumber(r.rpe) ?? Number.NaN,
    }))
  const total = sessions.every((s) => Number.isFinite(s.minutes) && Number.isFinite(s.rpe))
    ? sessionLoad(sessions)
    : null
  return (
    <form
      className="measure-form"
      onSubmit={(e) => {
        e.preventDefault()
        void save(
          {
            kind: 'load',
            sessions,
            longestRunKm: typedNumber(longest),
            longestRunOn: longestOn || null,
          },
          (load) => `Training load saved: ${load} for the week.`,
        )
      }}
    >
      {rows.map((r, i) => (
        <div className="form-grid two" key={i}>
          <Field label={`Session ${i + 1} minutes`} error={errors[`sessions.${i}.minutes`]}>
            <input
              type="text"
              inputMode="numeric"
              value={r.minutes}
              onChange={(e) =>
                setRows(rows.map((x, j) => (j === i ? { ...x, minutes: e.target.value } : x)))
              }
            />
          </Field>
          <Field label={`Session ${i + 1} effort (RPE 0–10)`} error={errors[`sessions.${i}.rpe`]}>
            <input
              type="text"
              inputMode="numeric"
              value={r.rpe}
              onChange={(e) =>
                setRows(rows.map((x, j) => (j === i ? { ...x, rpe: e.target.value } : x)))
              }
            />
          </Field>
        </div>
      ))}
      <button
        type="button"
        className="button secondary"
        onClick={() => setRows([...rows, { minutes: '', rpe: '' }])}
      >
        Add a session
      </button>
      <p aria-live="polite">Week’s load: {total ?? '–'} (RPE × minutes)</p>
      <div className="form-grid two">
        <Field label="Longest run this week (km)" error={errors['longestRunKm']}>
          <input
            type="text"
            inputMode="decimal"
            value={longest}
            onChange={(e) => setLongest(e.target.value)}
          />
        </Field>
        <Field label="Date of that run" error={errors['longestRunOn']}>
          <input type="date" value={longestOn} onChange={(e) => setLongestOn(e.target.value)} />
        </Field>
      </div>
      <SaveRow label="Save training load" pending={pending} failure={failure} />
    </form>
  )
}
