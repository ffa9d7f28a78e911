import type { DiaryAppointment } from '../../../../shared/contract/diary'
import { formatClinic } from '../../../../shared/diary/wall-clock'
import { useClinicTimeZone } from './use-clinic-time-zone'
import { Modal } from '../../components/Modal'
import { SCOPE_LABELS, type SeriesScope } from './SeriesScopeFields'

export interface SeriesDrop {
  appointment: DiaryAppointment
  therapistId: number
  /** Where the dragged occurrence was dropped (UTC). */
  startsAt: string
  /** The user already confirmed that this drop into the past is on purpose. */
  confirmPast: boolean
}

/**
 * Dropping one occurrence of a repeating booking is ambiguous, so the diary asks: just this
 * one, this and the following, or all still to come. Nothing moves until one is chosen.
 */
export function SeriesDropDialog({
  drop,
  onChoose,
  onClose,
}: {
  drop: SeriesDrop
  onChoose(scope: SeriesScope): void
  onClose(): void
}) {
  const tz = useClinicTimeZone()
  const from = formatClinic(drop.appointment.startsAt, 'EEE d MMM, HH:mm', tz)
  const to = formatClinic(drop.startsAt, 'EEE d MMM, HH:mm', tz)
  return (
    <Modal title="Move a repeating appointment" onClose={onClose}>
      <p>
        {drop.appointment.clientName}: from {from} to {to}. This appointment repeats; which ones
        should move?
      </p>
      <div className="series-choice" role="group" aria-label="Which appointments to move">
        {(Object.keys(SCOPE_LABELS) as SeriesScope[]).map((s, i) => (
          <button
            key={s}
            type="button"
            className={`button ${i === 0 ? 'primary' : 'secondary'}`}
            onClick={() => onChoose(s)}
            {...(i === 0 ? { 'data-autofocus': true } : {})}
          >
            {SCOPE_LABELS[s]}
          </button>
        ))}
        <button type="button" className="button link" onClick={onClose}>
          Don&apos;t move
        </button>
      </div>
    </Modal>
  )
}
