import { useState } from 'react'
import { startsInThePast } from '../../../../shared/diary/past-booking'
import type { AppointmentDetail, SeriesMoveOutput } from '../../../../shared/contract/diary'
import { api } from '../../api/client'
import { useMoveSeries, useTherapists } from '../../api/diary'
import { Icon } from '../../components/Icon'
import { clinicInstant, formatClinic } from '../../../../shared/diary/wall-clock'
import { useClinicTimeZone } from './use-clinic-time-zone'
import { SeriesScopeFields, type SeriesScope } from './SeriesScopeFields'
import { errorWords } from '../../components/rpc-form-errors'

/**
 * Reschedule an appointment from its dialog: a new date, time or therapist. For a repeating
 * booking the user says whether just this one moves, this and the following, or all still
 * to come; every one that would move is checked first and any clash is listed, with its
 * reason, before anything changes.
 */
export function MoveForm({
  appointment: a,
  onCancel,
  onMoved,
}: {
  appointment: AppointmentDetail
  onCancel(): void
  onMoved(text: string): void
}) {
  const tz = useClinicTimeZone()
  const therapists = useTherapists()
  const moveSeries = useMoveSeries()
  const [date, setDate] = useState(() => formatClinic(a.startsAt, 'yyyy-MM-dd', tz))
  const [time, setTime] = useState(() => formatClinic(a.startsAt, 'HH:mm', tz))
  const [therapistId, setTherapistId] = useState(a.therapistId)
  const [scope, setScope] = useState<SeriesScope>('one')
  const [error, setError] = useState<string | null>(null)
  const [clashes, setClashes] = useState<SeriesMoveOutput['occurrences'] | null>(null)
  const [checking, setChecking] = useState(false)
  const label = (iso: string) => formatClinic(iso, 'EEE d MMM yyyy, HH:mm', tz)
  // Moving into the past is for catching up, and main wants it said (past-booking.ts).
  const [confirmPast, setConfirmPast] = useState(false)
  const [openedAt] = useState(() => Date.now())
  const typedStart =
    /^\d{4}-\d{2}-\d{2}$/.test(date) && /^\d{2}:\d{2}$/.test(time)
      ? clinicInstant(date, time, tz)
      : null
  const intoThePast =
    typedStart !== null && typedStart !== a.startsAt && startsInThePast(typedStart, openedAt)

  async function submit() {
    setError(null)
    setClashes(null)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return setError('Enter the new date.')
    if (!/^\d{2}:\d{2}$/.test(time)) return setError('Enter the new time.')
    if (intoThePast && !confirmPast) {
      return setError('That time is in the past: tick “Move it into the past” to move it anyway.')
    }
    const input = {
      id: a.id,
      therapistId,
      startsAt: clinicInstant(date, time, tz),
      scope,
      confirmPast: intoThePast && confirmPast,
    }
    try {
      setChecking(true)
      const plan = await api.call('diary.moveSeries', { ...input, dryRun: true })
      const clashing = plan.occurrences.filter((o) => o.conflicts.length > 0)
      if (clashing.length > 0) {
        setClashes(clashing)
        return
      }
      const done = await moveSeries.mutateAsync(input)
      const n = done.occurrences.length
      onMoved(
        n === 1
          ? `Moved to ${label(done.occurrences[0]!.startsAt)}.`
          : `Moved ${n} appointments, from ${label(done.occurrences[0]!.startsAt)}.`,
      )
    } catch (e) {
      setError(errorWords(e, 'That did not work.'))
    } finally {
      setChecking(false)
    }
  }

  return (
    <form
      className="move-form"
      aria-label="Move appointment"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <div className="move-grid">
        <div className="field">
          <label htmlFor="move-date">New date</label>
          <input
            id="move-date"
            type="date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
            data-autofocus
          />
        </div>
        <div className="field">
          <label htmlFor="move-time">New time</label>
          <input
            id="move-time"
            type="time"
            step={900}
            value={time}
            onChange={(e) => setTime(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="move-therapist">Therapist</label>
          <select
            id="move-therapist"
            value={therapistId}
            onChange={(e) => setTherapistId(Number(e.target.value))}
          >
            {(therapists.data ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {a.seriesId !== null && <SeriesScopeFields scope={scope} onChange={setScope} />}
      {intoThePast && (
        <label className="check">
          <input
            type="checkbox"
            checked={confirmPast}
            onChange={(e) => setConfirmPast(e.target.checked)}
          />
          Move it into the past (catching up)
        </label>
      )}
      {error && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" /> {error}
        </div>
      )}
      {clashes && (
        <section className="series-plan" role="alert" aria-labelledby="clash-title">
          <h3 id="clash-title">
            {clashes.length === 1 ? 'One would clash' : `${clashes.length} would clash`}, so nothing
            was moved
          </h3>
          <ul className="plain-list">
            {clashes.map((o) => (
              <li key={o.appointmentId} className="clash">
                <span>
                  <strong>{label(o.startsAt)}</strong>: {o.conflicts.join(' ')}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="form-actions">
        <button type="button" className="button secondary" onClick={onCancel}>
          Keep it where it is
        </button>
        <button
          type="submit"
          className="button primary"
          disabled={checking || moveSeries.isPending}
        >
          {checking || moveSeries.isPending ? 'Checking…' : 'Move'}
        </button>
      </div>
    </form>
  )
}
