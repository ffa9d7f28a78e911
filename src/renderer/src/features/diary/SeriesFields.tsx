import { planHeading } from './booking-plan'
import { slotLabel } from './SlotPicker'
import type { Booking } from './use-booking'

/** "Repeat every N weeks, M times", and once checked, each date with its clashes to skip. */
export function SeriesFields({ booking }: { booking: Booking }) {
  const { draft, setDraft, plan, clearPlan, skip, setSkip, tz } = booking
  return (
    <>
      <div className="booking-row">
        <div className="field">
          <label htmlFor="booking-repeat">Repeat</label>
          <select
            id="booking-repeat"
            value={draft.repeatEvery}
            onChange={(e) => {
              clearPlan()
              setDraft({ repeatEvery: Number(e.target.value) })
            }}
          >
            <option value={0}>Does not repeat</option>
            <option value={1}>Every week</option>
            <option value={2}>Every 2 weeks</option>
            <option value={3}>Every 3 weeks</option>
            <option value={4}>Every 4 weeks</option>
          </select>
        </div>
        {draft.repeatEvery > 0 && (
          <div className="field">
            <label htmlFor="booking-times">How many times</label>
            <input
              id="booking-times"
              type="number"
              min={2}
              max={52}
              value={draft.repeatCount}
              onChange={(e) => {
                clearPlan()
                setDraft({ repeatCount: Number(e.target.value) })
              }}
            />
          </div>
        )}
      </div>
      {plan && (
        <section className="series-plan" aria-labelledby="series-title">
          <h3 id="series-title">{planHeading(plan)}</h3>
          <ul className="plain-list">
            {plan.map((o) => (
              <li key={o.startsAt} className={o.conflicts.length ? 'clash' : undefined}>
                <span>
                  {slotLabel(o.startsAt, tz)}
                  {o.conflicts.length > 0 && (
                    <span className="field-error"> · {o.conflicts.join(' ')}</span>
                  )}
                </span>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={skip.includes(o.startsAt)}
                    onChange={(e) =>
                      setSkip((list) =>
                        e.target.checked
                          ? [...list, o.startsAt]
                          : list.filter((x) => x !== o.startsAt),
                      )
                    }
                  />
                  Skip
                </label>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  )
}
