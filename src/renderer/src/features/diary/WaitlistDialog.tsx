import { formatClinic } from '../../../../shared/diary/wall-clock'
import type { WaitlistEntry } from '../../../../shared/contract/diary'
import { useRemoveFromWaitlist, useServices, useTherapists, useWaitlist } from '../../api/diary'
import { Modal } from '../../components/Modal'
import { useClinicTimeZone } from './use-clinic-time-zone'

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

function windowText(w: { weekdays: number[]; after: string; before: string }): string {
  const days =
    w.weekdays.length === 7
      ? 'any day'
      : w.weekdays.join() === '1,2,3,4,5'
        ? 'weekdays'
        : w.weekdays.map((d) => DAY_NAMES[d - 1]).join(' ')
  const time =
    w.after === '00:00' && w.before === '24:00'
      ? 'any time'
      : w.after === '00:00'
        ? `before ${w.before}`
        : w.before === '24:00'
          ? `after ${w.after}`
          : `${w.after}–${w.before}`
  return `${days}, ${time}`
}

/** Who is waiting for a slot: most urgent first; cancelling a booking lists who fits. */
const URGENCY_LABELS: Record<WaitlistEntry['urgency'], string> = {
  high: 'Urgent',
  normal: 'Normal',
  low: 'Whenever',
}

export function WaitlistDialog({ onClose }: { onClose(): void }) {
  const tz = useClinicTimeZone()
  const waitlist = useWaitlist()
  const services = useServices(true)
  const therapists = useTherapists(true)
  const remove = useRemoveFromWaitlist()
  return (
    <Modal title="Waiting list" onClose={onClose} wide>
      <div>
        {waitlist.data?.length === 0 && (
          <p className="muted">
            Nobody is waiting. Add a caller from New booking when no time suits them.
          </p>
        )}
        {waitlist.data && waitlist.data.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Client</th>
                <th scope="col">Urgency</th>
                <th scope="col">Wants</th>
                <th scope="col">When</th>
                <th scope="col">Since</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {waitlist.data.map((w) => (
                <tr key={w.id}>
                  <td>
                    {w.clientName}
                    <div className="muted">{w.clientPhone}</div>
                  </td>
                  <td>
                    <span className={`status-pill urgency-${w.urgency}`}>
                      {URGENCY_LABELS[w.urgency]}
                    </span>
                  </td>
                  <td>
                    {services.data?.find((s) => s.id === w.serviceId)?.name}
                    {w.therapistIds.length > 0 && (
                      <div className="muted">
                        with{' '}
                        {w.therapistIds
                          .map((id) => therapists.data?.find((t) => t.id === id)?.name)
                          .join(' or ')}
                      </div>
                    )}
                  </td>
                  <td>{w.windows.length ? w.windows.map(windowText).join('; ') : 'Any time'}</td>
                  <td className="nowrap">{formatClinic(w.createdAt, 'd MMM', tz)}</td>
                  <td className="cell-actions">
                    <button
                      type="button"
                      className="button small secondary"
                      onClick={() => remove.mutate({ id: w.id })}
                      aria-label={`Remove ${w.clientName} from the waiting list`}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Modal>
  )
}
