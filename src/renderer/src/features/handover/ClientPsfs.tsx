import { PSFS_MAX_ACTIVITIES } from '../../../../shared/measures/psfs'
import { Field } from '../../components/Field'
import { ChoiceGroup, ZERO_TO_TEN } from './ChoiceGroup'
import { CHOOSE, ClientFormFrame, useClientSubmit, type ClientFormProps } from './client-form'
import { useClientDraft } from './use-client-draft'

interface Row {
  activity: string
  score: number | null
}

const parse = (raw: unknown): Row[] | null =>
  Array.isArray(raw)
    ? raw.slice(0, PSFS_MAX_ACTIVITIES).map((r: Partial<Row>) => ({
        activity: typeof r?.activity === 'string' ? r.activity.slice(0, 120) : '',
        score: typeof r?.score === 'number' ? r.score : null,
      }))
    : null

/**
 * PSFS (Stratford 1995) as the client fills it in: up to 5 activities in their own words,
 * each scored 0–10. Activities named at earlier visits are offered again to score.
 */
export function ClientPsfs({
  draft,
  send,
  activities,
}: ClientFormProps & { activities: string[] }) {
  const blank = (): Row[] =>
    activities.length > 0
      ? activities.slice(0, PSFS_MAX_ACTIVITIES).map((activity) => ({ activity, score: null }))
      : [{ activity: '', score: null }]
  const { answers: rows, change } = useClientDraft(draft, blank, parse)
  const used = rows.filter((r) => r.activity.trim() !== '' || r.score !== null)
  const { errors, frame } = useClientSubmit(
    () => {
      const e: Record<string, string> = {}
      rows.forEach((r, i) => {
        const named = r.activity.trim() !== ''
        if (named && r.score === null) e[`activities.${i}.score`] = CHOOSE
        if (!named && r.score !== null) e[`activities.${i}.activity`] = 'Please write the activity'
      })
      if (used.length === 0) e['activities.0.activity'] = 'Please write at least one activity'
      return e
    },
    () => ({ kind: 'psfs', activities: used }),
    send,
  )
  const set = (i: number, patch: Partial<Row>) =>
    change(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  return (
    <ClientFormFrame {...frame}>
      <p className="client-lead">
        Name up to {PSFS_MAX_ACTIVITIES} activities that are hard for you because of your problem
        (for example “run 10 km” or “stairs after a long run”). For each, choose how well you can do
        it today: <strong>0</strong> means you cannot do it at all, <strong>10</strong> means you
        can do it as well as before the problem.
      </p>
      <ol className="client-questions">
        {rows.map((r, i) => (
          <li key={i} className="psfs-client-row">
            <Field label={`Activity ${i + 1}`} error={errors[`activities.${i}.activity`]}>
              <input
                type="text"
                className="client-text"
                value={r.activity}
                maxLength={120}
                autoComplete="off"
                onChange={(e) => set(i, { activity: e.target.value })}
              />
            </Field>
            <ChoiceGroup
              legend={`How well can you do activity ${i + 1} today? (0 = cannot do it, 10 = as before)`}
              choices={ZERO_TO_TEN}
              value={r.score}
              onChange={(v) => set(i, { score: v })}
              error={errors[`activities.${i}.score`]}
            />
          </li>
        ))}
      </ol>
      {rows.length < PSFS_MAX_ACTIVITIES && (
        <button
          type="button"
          className="button secondary client-add"
          onClick={() => change([...rows, { activity: '', score: null }])}
        >
          Add another activity
        </button>
      )}
    </ClientFormFrame>
  )
}
