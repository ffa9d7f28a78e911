import { useState } from 'react'
import type { ClientProgress } from '../../../../shared/contract/measures'
import { PSFS_MAX_ACTIVITIES } from '../../../../shared/measures/psfs'
import { Field } from '../../components/Field'
import { typedNumber } from '../../components/field-errors-of'
import type { VisitContext } from './MeasuresPanel'
import { SaveRow } from './SaveRow'
import { useMeasureSave } from './use-measure-save'

interface Row {
  activity: string
  score: string
}

/**
 * PSFS (Stratford 1995): up to 5 activities in the client's words, each 0–10. The activities
 * named before are offered again so they are re-scored, not retyped.
 */
export function PsfsForm({
  visit,
  progress,
  onSaved,
}: {
  visit: VisitContext
  progress: ClientProgress | undefined
  onSaved(words: string): void
}) {
  const earlier = progress?.psfs.map((a) => a.activity).slice(0, PSFS_MAX_ACTIVITIES) ?? []
  const [rows, setRows] = useState<Row[] | null>(null)
  const shown: Row[] =
    rows ?? (earlier.length ? earlier.map((activity) => ({ activity, score: '' })) : [blank()])
  const { save, errors, failure, pending } = useMeasureSave(visit, onSaved)
  const set = (i: number, patch: Partial<Row>) =>
    setRows(shown.map((r, j) => (j === i ? { ...r, ...patch } : r)))

  return (
    <form
      className="measure-form"
      onSubmit={(e) => {
        e.preventDefault()
        const activities = shown
          .filter((r) => r.activity.trim() !== '' || r.score.trim() !== '')
          .map((r) => ({ activity: r.activity, score: typedNumber(r.score) ?? Number.NaN }))
        void save({ kind: 'psfs', activities }, (mean) => `PSFS saved: mean ${mean} out of 10.`)
      }}
    >
      <p className="muted">
        Activities the client finds hard, in their words. 0 = unable to do it, 10 = able to do it as
        before the problem.
      </p>
      {shown.map((r, i) => (
        <div className="form-grid two psfs-row" key={i}>
          <Field label={`Activity ${i + 1}`} error={errors[`activities.${i}.activity`]}>
            <input
              type="text"
              value={r.activity}
              maxLength={120}
              onChange={(e) => set(i, { activity: e.target.value })}
              placeholder="e.g. run 10 km"
            />
          </Field>
          <Field
            label={`Score for activity ${i + 1} (0–10)`}
            error={errors[`activities.${i}.score`]}
          >
            <input
              type="text"
              inputMode="numeric"
              value={r.score}
              onChange={(e) => set(i, { score: e.target.value })}
            />
          </Field>
        </div>
      ))}
      {errors['activities'] && <p className="field-error">{errors['activities']}</p>}
      {shown.length < PSFS_MAX_ACTIVITIES && (
        <button
          type="button"
          className="button secondary"
          onClick={() => setRows([...shown, blank()])}
        >
          Add an activity
        </button>
      )}
      <SaveRow label="Save PSFS" pending={pending} failure={failure} />
    </form>
  )
}

const blank = (): Row => ({ activity: '', score: '' })
