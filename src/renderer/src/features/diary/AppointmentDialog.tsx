import { useState } from 'react'
import { STATUS_LABELS, type WaitlistEntry } from '../../../../shared/contract/diary'
import {
  useAppointment,
  useCancelAppointment,
  useServices,
  useSetStatus,
  useTherapists,
} from '../../api/diary'
import { Icon } from '../../components/Icon'
import { AppointmentNoteButton } from '../notes/AppointmentNoteButton'
import { AppointmentPaymentButton } from '../money/AppointmentPaymentButton'
import { formatPence } from '../../../../shared/money/pounds'
import { formatClinic } from '../../../../shared/diary/wall-clock'
import { useClinicTimeZone } from './use-clinic-time-zone'
import { Modal } from '../../components/Modal'
import { MoveForm } from './MoveForm'
import { SeriesScopeFields } from './SeriesScopeFields'
import { errorWords } from '../../components/rpc-form-errors'

export function AppointmentDialog({ id, onClose }: { id: number; onClose(): void }) {
  const appointment = useAppointment(id)
  const therapists = useTherapists(true)
  const services = useServices(true)
  const setStatus = useSetStatus()
  const cancel = useCancelAppointment()
  const [error, setError] = useState<string | null>(null)
  const [cancelling, setCancelling] = useState(false)
  const [by, setBy] = useState<'client' | 'clinic'>('client')
  const [reason, setReason] = useState('')
  const [scope, setScope] = useState<'one' | 'following' | 'all'>('one')
  const [result, setResult] = useState<{ late: boolean; matches: WaitlistEntry[] } | null>(null)
  const [moving, setMoving] = useState(false)
  const [moved, setMoved] = useState<string | null>(null)
  // Times on the clinic's clock, whatever the computer's time zone.
  const tz = useClinicTimeZone()
  const when = (iso: string) => formatClinic(iso, 'EEE d MMM yyyy, HH:mm', tz)

  const a = appointment.data
  // Main refuses Arrived before the visit's day (a slip of the wrong row); offer it only then.
  const [openedAt] = useState(() => new Date().toISOString())
  const onTheDay =
    a !== undefined &&
    formatClinic(a.startsAt, 'yyyy-MM-dd', tz) <= formatClinic(openedAt, 'yyyy-MM-dd', tz)
  // Completed and Did not attend only once it has started (main refuses them before).
  const started = a !== undefined && a.startsAt <= openedAt
  const therapist = therapists.data?.find((t) => t.id === a?.therapistId)
  const service = services.data?.find((s) => s.id === a?.serviceId)

  async function mark(status: 'booked' | 'arrived' | 'completed' | 'no_show') {
    setError(null)
    try {
      await setStatus.mutateAsync({ id, status })
      await appointment.refetch()
    } catch (e) {
      setError(errorWords(e, 'That did not work.'))
    }
  }

  async function confirmCancel() {
    setError(null)
    if (!reason.trim()) {
      setError('Say why it was cancelled.')
      return
    }
    try {
      const r = await cancel.mutateAsync({ id, by, reason, scope })
      setResult({ late: r.lateCancellation, matches: r.waitlistMatches })
      setCancelling(false)
      await appointment.refetch()
    } catch (e) {
      setError(errorWords(e, 'That did not work.'))
    }
  }

  return (
    <Modal title={a ? a.clientName : 'Appointment'} onClose={onClose}>
      {appointment.isPending && <p className="muted">Loading…</p>}
      {a && (
        <div className="appt">
          <dl className="appt-facts">
            <dt>When</dt>
            <dd>
              {when(a.startsAt)}–{formatClinic(a.endsAt, 'HH:mm', tz)}
            </dd>
            <dt>With</dt>
            <dd>{therapist?.name ?? '—'}</dd>
            <dt>Service</dt>
            <dd>
              {service?.name ?? a.serviceName} · {formatPence(a.pricePence)}
            </dd>
            <dt>Phone</dt>
            <dd>{a.clientPhone || '—'}</dd>
            <dt>Status</dt>
            <dd>
              <span className={`status-pill status-${a.status}`}>{STATUS_LABELS[a.status]}</span>
              {a.lateCancellation && <span className="status-pill status-late">Late</span>}
            </dd>
            {a.alerts.length > 0 && (
              <>
                <dt>Alerts</dt>
                <dd className="appt-alerts">
                  <Icon name="alert" size={15} /> {a.alerts.map((x) => x.text).join('; ')}
                </dd>
              </>
            )}
            {a.seriesId !== null && (
              <>
                <dt>Repeats</dt>
                <dd>Part of a series (moving or cancelling asks which ones)</dd>
              </>
            )}
            {a.notes && (
              <>
                <dt>Booking note</dt>
                <dd>{a.notes}</dd>
              </>
            )}
            {a.overrideReason && (
              <>
                <dt>Rules overridden</dt>
                <dd>{a.overrideReason}</dd>
              </>
            )}
          </dl>
          {error && (
            <div className="banner banner-error" role="alert">
              <Icon name="alert" /> {error}
            </div>
          )}
          {result && (
            <div className="banner banner-ok" role="status">
              <Icon name="check" /> Cancelled
              {result.late ? ' — inside the notice period, so marked as a late cancellation.' : '.'}
            </div>
          )}
          {moved && (
            <div className="banner banner-ok" role="status">
              <Icon name="check" /> {moved}
            </div>
          )}
          {moving && (
            <MoveForm
              appointment={a}
              onCancel={() => setMoving(false)}
              onMoved={(text) => {
                setMoving(false)
                setMoved(text)
                void appointment.refetch()
              }}
            />
          )}
          {a.status === 'cancelled' && <AppointmentPaymentButton appointment={a} />}
          {result && result.matches.length > 0 && (
            <section className="waitlist-matches" aria-labelledby="wl-title">
              <h3 id="wl-title">Waiting for a time like this</h3>
              <ul className="plain-list">
                {result.matches.map((m) => (
                  <li key={m.id}>
                    <span>
                      {m.clientName} · {m.clientPhone}
                      {m.urgency === 'high' && <strong> · urgent</strong>}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {!cancelling && !moving && a.status !== 'cancelled' && (
            <div className="appt-actions">
              <AppointmentNoteButton
                appointmentId={a.id}
                clientId={a.clientId}
                status={a.status}
                startsAt={a.startsAt}
                onOpen={onClose}
              />
              <AppointmentPaymentButton appointment={a} />
              {a.status === 'booked' && onTheDay && (
                <button
                  type="button"
                  className="button primary"
                  onClick={() => void mark('arrived')}
                >
                  Arrived
                </button>
              )}
              {(a.status === 'booked' || a.status === 'arrived') && started && (
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => void mark('completed')}
                >
                  Completed
                </button>
              )}
              {a.status === 'booked' && started && (
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => void mark('no_show')}
                >
                  Did not attend
                </button>
              )}
              {a.status === 'completed' && (
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => void mark('arrived')}
                >
                  Back to arrived
                </button>
              )}
              {(a.status === 'arrived' || a.status === 'no_show' || a.status === 'completed') && (
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => void mark('booked')}
                >
                  Back to booked
                </button>
              )}
              {(a.status === 'booked' || a.status === 'arrived') && (
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => {
                    setMoved(null)
                    setMoving(true)
                  }}
                >
                  Move…
                </button>
              )}
              {(a.status === 'booked' || a.status === 'arrived') && (
                <button type="button" className="button danger" onClick={() => setCancelling(true)}>
                  Cancel appointment
                </button>
              )}
            </div>
          )}
          {cancelling && (
            <form
              className="cancel-form"
              onSubmit={(e) => {
                e.preventDefault()
                void confirmCancel()
              }}
              aria-label="Cancel appointment"
            >
              <fieldset className="fieldset">
                <legend>Cancelled by</legend>
                <label className="check">
                  <input type="radio" checked={by === 'client'} onChange={() => setBy('client')} />
                  The client
                </label>
                <label className="check">
                  <input type="radio" checked={by === 'clinic'} onChange={() => setBy('clinic')} />
                  The clinic
                </label>
              </fieldset>
              {a.seriesId !== null && <SeriesScopeFields scope={scope} onChange={setScope} />}
              <div className="field">
                <label htmlFor="cancel-reason">Reason</label>
                <input
                  id="cancel-reason"
                  type="text"
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  autoFocus
                />
              </div>
              <div className="form-actions">
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => setCancelling(false)}
                >
                  Keep it
                </button>
                <button type="submit" className="button danger" disabled={cancel.isPending}>
                  Cancel appointment
                </button>
              </div>
            </form>
          )}
          <section className="appt-history" aria-labelledby="history-title">
            <h3 id="history-title">History</h3>
            <ol>
              {a.history.map((h, i) => (
                <li key={i}>
                  <span className="muted">{when(h.at)}</span> {h.summary}
                  {h.who && <span className="muted"> · {h.who}</span>}
                </li>
              ))}
            </ol>
          </section>
        </div>
      )}
    </Modal>
  )
}
