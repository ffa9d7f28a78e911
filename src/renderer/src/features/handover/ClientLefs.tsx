import { LEFS_ANSWERS, LEFS_ITEMS } from '../../../../shared/measures/lefs'
import { ChoiceGroup } from './ChoiceGroup'
import { CHOOSE, ClientFormFrame, useClientSubmit, type ClientFormProps } from './client-form'
import { useClientDraft } from './use-client-draft'

type Answers = (number | null)[]

const blank = (): Answers => LEFS_ITEMS.map(() => null)
const parse = (raw: unknown): Answers | null =>
  Array.isArray(raw) && raw.length === LEFS_ITEMS.length
    ? raw.map((a) => (typeof a === 'number' && a >= 0 && a <= 4 ? a : null))
    : null

/** LEFS (Binkley 1999) as the client fills it in: the published wording, one tap per item. */
export function ClientLefs({ draft, send }: ClientFormProps) {
  const { answers, change } = useClientDraft(draft, blank, parse)
  const { errors, frame } = useClientSubmit(
    () =>
      Object.fromEntries(answers.flatMap((a, i) => (a === null ? [[`answers.${i}`, CHOOSE]] : []))),
    () => ({ kind: 'lefs', answers }),
    send,
  )
  return (
    <ClientFormFrame {...frame}>
      <p className="client-lead">
        Today, do you or would you have any difficulty at all with these activities because of your
        lower-limb problem? Choose one answer for each.
      </p>
      <ol className="client-questions">
        {LEFS_ITEMS.map((item, i) => (
          <li key={item}>
            <ChoiceGroup
              legend={item}
              choices={LEFS_ANSWERS}
              value={answers[i] ?? null}
              onChange={(v) => change(answers.map((a, j) => (j === i ? v : a)))}
              error={errors[`answers.${i}`]}
              columns
            />
          </li>
        ))}
      </ol>
    </ClientFormFrame>
  )
}
