import { useId } from 'react'

export interface Choice<V extends string | number> {
  value: V
  label: string
}

/**
 * One question as a row of large radio buttons (touch-friendly; arrows move between them,
 * Tab to the next question), with its error beside it, read out with the question.
 */
export function ChoiceGroup<V extends string | number>({
  legend,
  choices,
  value,
  onChange,
  error,
  columns = false,
}: {
  legend: string
  choices: readonly Choice<V>[]
  value: V | null
  onChange(value: V): void
  error?: string | undefined
  /** Long labels stack one under another; short ones (0–10) sit in a row. */
  columns?: boolean
}) {
  const id = useId()
  const errorId = `${id}-error`
  return (
    <fieldset
      className={error ? 'choice-group has-error' : 'choice-group'}
      aria-describedby={error ? errorId : undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend>{legend}</legend>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
      <div className={columns ? 'choices choices-stacked' : 'choices'}>
        {choices.map((c) => (
          <label key={c.value} className={value === c.value ? 'choice chosen' : 'choice'}>
            <input
              type="radio"
              name={id}
              value={String(c.value)}
              checked={value === c.value}
              onChange={() => onChange(c.value)}
            />
            <span>{c.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}

export const ZERO_TO_TEN: readonly Choice<number>[] = Array.from({ length: 11 }, (_, i) => ({
  value: i,
  label: String(i),
}))
