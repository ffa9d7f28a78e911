import type { ClientAppointment } from '../../../../shared/contract/clients'
import { STATUS_LABELS } from '../../../../shared/contract/diary'
import { useClientAppointments } from '../../api/clients'
import { ErrorBanner } from '../../components/ErrorBanner'
import { ukDateTime } from './format'

function Row({ a }: { a: ClientAppointment }) {
  return (
    <li className="client-appt">
      <span className="client-appt-when">{ukDateTime(a.startsAt)}</span>
      <span>
        {a.serviceName} · {a.therapistName}
      </span>
      <span className={`client-appt-status status-${a.status}`}>
        {STATUS_LABELS[a.status]}
        {a.lateCancellation ? ' (late)' : ''}
      </span>
    </li>
  )
}

/** Upcoming appointments first, then the most recent past ones. */
export function AppointmentsCard({ id }: { id: number }) {
  const list = useClientAppointments(id)
  return (
    <section className="card" aria-labelledby="appts-title">
      <h2 id="appts-title">Appointments</h2>
      {list.isPending && <p className="muted">Loading…</p>}
      <ErrorBanner message={list.error?.message} />
      {list.data && (
        <>
          <h3 className="client-appt-heading">Upcoming</h3>
          {list.data.upcoming.length === 0 ? (
            <p className="muted">Nothing booked. Ctrl+B books them in.</p>
          ) : (
            <ul className="client-appts">
              {list.data.upcoming.map((a) => (
                <Row key={a.id} a={a} />
              ))}
            </ul>
          )}
          <h3 className="client-appt-heading">Past</h3>
          {list.data.past.length === 0 ? (
            <p className="muted">No past appointments.</p>
          ) : (
            <ul className="client-appts">
              {list.data.past.map((a) => (
                <Row key={a.id} a={a} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  )
}
