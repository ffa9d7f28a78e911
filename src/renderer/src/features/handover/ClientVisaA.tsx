import {
  VISA_A_Q7,
  VISA_A_Q8_BAND_LABELS,
  VISA_A_Q8_BANDS,
  VISA_A_Q8_PARTS,
  VISA_A_SCALE_QUESTIONS,
  type VisaAQ8Band,
  type VisaAQ8Part,
} from '../../../../shared/measures/visa-a'
import { ChoiceGroup, ZERO_TO_TEN } from './ChoiceGroup'
import { CHOOSE, ClientFormFrame, useClientSubmit, type ClientFormProps } from './client-form'
import { useClientDraft } from './use-client-draft'

interface Answers {
  scales: (number | null)[]
  q7: number | null
  part: VisaAQ8Part | null
  band: VisaAQ8Band | null
}

const blank = (): Answers => ({
  scales: VISA_A_SCALE_QUESTIONS.map(() => null),
  q7: null,
  part: null,
  band: null,
})
const parse = (raw: unknown): Answers | null => {
  const r = raw as Partial<Answers> | null
  if (!r || !Array.isArray(r.scales) || r.scales.length !== VISA_A_SCALE_QUESTIONS.length) {
    return null
  }
  return {
    scales: r.scales.map((s) => (typeof s === 'number' ? s : null)),
    q7: typeof r.q7 === 'number' ? r.q7 : null,
    part: r.part && r.part in VISA_A_Q8_PARTS ? r.part : null,
    band: r.band && VISA_A_Q8_BANDS.includes(r.band) ? r.band : null,
  }
}

const PARTS = (Object.keys(VISA_A_Q8_PARTS) as VisaAQ8Part[]).map((k) => ({
  value: k,
  label: VISA_A_Q8_PARTS[k],
}))
const BANDS = VISA_A_Q8_BANDS.map((b) => ({ value: b, label: VISA_A_Q8_BAND_LABELS[b] }))

/** VISA-A (Robinson 2001) as the client fills it in: the published questions, one tap each. */
export function ClientVisaA({ draft, send }: ClientFormProps) {
  const { answers: a, change } = useClientDraft(draft, blank, parse)
  const { errors, frame } = useClientSubmit(
    () => {
      const e: Record<string, string> = {}
      a.scales.forEach((s, i) => {
        if (s === null) e[`scales.${i}`] = CHOOSE
      })
      if (a.q7 === null) e['q7'] = CHOOSE
      if (a.part === null) e['q8.part'] = CHOOSE
      if (a.band === null) e['q8.band'] = CHOOSE
      return e
    },
    () => ({ kind: 'visa_a', scales: a.scales, q7: a.q7, q8: { part: a.part, band: a.band } }),
    send,
  )
  return (
    <ClientFormFrame {...frame}>
      <p className="client-lead">
        These questions are about your Achilles tendon (the back of the ankle). Choose one answer
        for each.
      </p>
      <ol className="client-questions">
        {VISA_A_SCALE_QUESTIONS.map((q, i) => (
          <li key={q}>
            <ChoiceGroup
              legend={q}
              choices={ZERO_TO_TEN}
              value={a.scales[i] ?? null}
              onChange={(v) => change({ ...a, scales: a.scales.map((s, j) => (j === i ? v : s)) })}
              error={errors[`scales.${i}`]}
            />
          </li>
        ))}
        <li>
          <ChoiceGroup
            legend="Are you currently doing sport or other physical activity?"
            choices={VISA_A_Q7}
            value={a.q7}
            onChange={(v) => change({ ...a, q7: v })}
            error={errors['q7']}
            columns
          />
        </li>
        <li>
          <ChoiceGroup
            legend="Which of these describes you best when you do sport that loads the Achilles?"
            choices={PARTS}
            value={a.part}
            onChange={(v) => change({ ...a, part: v })}
            error={errors['q8.part']}
            columns
          />
          <ChoiceGroup
            legend="For how long can you train or practise?"
            choices={BANDS}
            value={a.band}
            onChange={(v) => change({ ...a, band: v })}
            error={errors['q8.band']}
            columns
          />
        </li>
      </ol>
    </ClientFormFrame>
  )
}
