import { useState } from 'react'
import {
  VISA_A_Q7,
  VISA_A_Q8_BAND_LABELS,
  VISA_A_Q8_BANDS,
  VISA_A_Q8_PARTS,
  VISA_A_SCALE_QUESTIONS,
} from '../../../../shared/measures/visa-a'
import { Field } from '../../components/Field'
import type { VisitContext } from './MeasuresPanel'
import { SaveRow } from './SaveRow'
import { useMeasureSave } from './use-measure-save'

const ZERO_TO_TEN = Array.from({ length: 11 }, (_, i) => i)

/** VISA-A (Robinson 2001): questions 1–6 on 0–10, 7 on 0/4/7/10, 8 in one of parts A–C. */
export function VisaAForm({
  visit,
  onSaved,
}: {
  visit: VisitContext
  onSaved(words: string): void
}) {
  const [scales, setScales] = useState<string[]>(() => VISA_A_SCALE_QUESTIONS.map(() => ''))
  const [q7, setQ7] = useState('')
  const [part, setPart] = useState('')
  const [band, setBand] = useState('')
  const { save, errors, failure, pending } = useMeasureSave(visit, onSaved)
  const num = (s: string) => (s === '' ? Number.NaN : Number(s))
  return (
    <form
      className="measure-form"
      onSubmit={(e) => {
        e.preventDefault()
        void save(
          { kind: 'visa_a', scales: scales.map(num), q7: num(q7), q8: { part, band } },
          (score) => `VISA-A saved: ${score} out of 100.`,
        )
      }}
    >
      <ol className="questionnaire-items">
        {VISA_A_SCALE_QUESTIONS.map((q, i) => (
          <li key={q}>
            <Field label={q} error={errors[`scales.${i}`] && 'Answer 0 to 10'}>
              <select
                value={scales[i]}
                onChange={(e) => setScales(scales.map((s, j) => (j === i ? e.target.value : s)))}
              >
                <option value="">Choose…</option>
                {ZERO_TO_TEN.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </Field>
          </li>
        ))}
        <li>
          <Field
            label="Are you currently undertaking sport or other physical activity?"
            error={errors['q7']}
          >
            <select value={q7} onChange={(e) => setQ7(e.target.value)}>
              <option value="">Choose…</option>
              {VISA_A_Q7.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label} ({o.value})
                </option>
              ))}
            </select>
          </Field>
        </li>
        <li>
          <Field label="Question 8: which describes you?" error={errors['q8.part']}>
            <select value={part} onChange={(e) => setPart(e.target.value)}>
              <option value="">Choose…</option>
              {Object.entries(VISA_A_Q8_PARTS).map(([k, words]) => (
                <option key={k} value={k}>
                  {k}: {words}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Question 8: for how long?" error={errors['q8.band']}>
            <select value={band} onChange={(e) => setBand(e.target.value)}>
              <option value="">Choose…</option>
              {VISA_A_Q8_BANDS.map((b) => (
                <option key={b} value={b}>
                  {VISA_A_Q8_BAND_LABELS[b]}
                </option>
              ))}
            </select>
          </Field>
        </li>
      </ol>
      <SaveRow label="Save VISA-A" pending={pending} failure={failure} />
    </form>
  )
}
