export type SeriesScope = 'one' | 'following' | 'all'

export const SCOPE_LABELS: Record<SeriesScope, string> = {
  one: 'Just this one',
  following: 'This and the following',
  all: 'All still to come',
}

/** "Which appointments" for a repeating booking, as used by cancel and move. */
export function SeriesScopeFields({
  scope,
  onChange,
}: {
  scope: SeriesScope
  onChange(scope: SeriesScope): void
}) {
  return (
    <fieldset className="fieldset">
      <legend>Which appointments</legend>
      {(Object.keys(SCOPE_LABELS) as SeriesScope[]).map((s) => (
        <label key={s} className="check">
          <input
            type="radio"
            name="series-scope"
            checked={scope === s}
            onChange={() => onChange(s)}
          />
          {SCOPE_LABELS[s]}
        </label>
      ))}
    </fieldset>
  )
}
