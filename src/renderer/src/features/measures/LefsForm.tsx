import { useState } from 'react'
import { LEFS_ANSWERS, LEFS_ITEMS, LEFS_MAX } from '../../../../shared/measures/lefs'
import type { VisitContext } from './MeasuresPanel'
import { SaveRow } from './SaveRow'
import { useMeasureSave } from './use-measure-save'

/** LEFS (Binkley 1999): "Today, do you or would you have any difficulty at all with…" */
export function LefsForm({
  visit,
  onSaved,
}: {
  visit: VisitContext
  onSaved(words: string): void
}) {
  const [answers, setAnswers] = useState<string[]>(() => LEFS_ITEMS.map(() => ''))
  const { save, errors, failure, pending } = useMeasureSave(visit, onSaved)
  const missing = answers.filter((a) => a === '').length
  return (
    <form
      className="measure-form"
      onSubmit={(e) => {
        e.preventDefault()
        void save(
          { kind: 'lefs', answers: answers.map((a) => (a === '' ? Number.NaN : Number(a))) },
          (score) => `LEFS saved: ${score} out of ${LEFS_MAX}.`,
        )
      }}
    >
      <p className="muted">
        Today, do you or would you have any difficulty at all with… (0 = extreme difficulty or
        unable, 4 = no difficulty)
      </p>
      <ol className="questionnaire-items">
        {LEFS_ITEMS.map((item, i) => (
          <li key={item}>
            <label htmlFor={`lefs-${i}`}>{item}</label>
            <select
              id={`lefs-${i}`}
              value={answers[i]}
              aria-invalid={errors[`answers.${i}`] ? true : undefined}
              onChange={(e) => setAnswers(answers.map((a, j) => (j === i ? e.target.value : a)))}
            >
              <option value="">Choose…</option>
              {LEFS_ANSWERS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.value}: {o.label}
                </option>
              ))}
            </select>
            {errors[`answers.${i}`] && <span className="field-error"> Answer this question</span>}
          </li>
        ))}
      </ol>
      <p className="muted" aria-live="polite">
        {missing === 0 ? 'All 20 answered.' : `${missing} still to answer.`}
      </p>
      <SaveRow label="Save LEFS" pending={pending} failure={failure} />
    </form>
  )
}
