import { format } from 'date-fns'
import { STATUS_LABELS } from '../../../../shared/contract/appointments'
import { useDaySheet } from '../../api/diary'
import { Icon } from '../../components/Icon'
import './diary.css'

function dateFromHash(): string {
  const m = /#\/diary\/sheet\/(\d{4}-\d{2}-\d{2})/.exec(window.location.hash)
  return m?.[1] ?? format(new Date(), 'yyyy-MM-dd')
}

/** The day's list per therapist, laid out for paper (see the print rules in diary.css). */
export function DaySheetScreen() {
  const date = dateFromHash()
  const sheet = useDaySheet(date, null)
  const day = new Date(`${date}T12:00:00`)
  return (
    <div className="day-sheet">
      <header className="page-header day-sheet-head">
        <div>
          <h1>Day sheet</h1>
          <p className="page-subtitle">{format(day, 'EEEE d MMMM yyyy')}</p>
        </div>
        <div className="no-print row-actions">
          <a className="button secondary" href="#/diary">
            Back to the diary
          </a>
          <button type="button" className="button primary" onClick={() => window.print()}>
            Print or save as PDF
          </button>
        </div>
      </header>
      {sheet.isError && (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" /> {sheet.error.message}
        </div>
      )}
      {sheet.data?.therapists.map((t) => (
        <section
          className="card sheet-card"
          key={t.therapistId}
          aria-labelledby={`sheet-${t.therapistId}`}
        >
          <h2 id={`sheet-${t.therapistId}`}>{t.name}</h2>
          {t.rows.length === 0 ? (
            <p className="muted">No bookings.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Client</th>
                  <th scope="col">Service</th>
                  <th scope="col">Phone</th>
                  <th scope="col">Alerts</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {t.rows.map((r) => (
                  <tr key={r.appointmentId}>
                    <td className="nowrap">
                      {format(new Date(r.startsAt), 'HH:mm')}–{format(new Date(r.endsAt), 'HH:mm')}
                    </td>
                    <td>{r.clientName}</td>
                    <td>{r.serviceName}</td>
                    <td className="nowrap">{r.phone}</td>
                    <td>
                      {r.alerts.length > 0 && (
                        <span className="sheet-alert">
                          <Icon name="alert" size={13} /> {r.alerts.map((a) => a.text).join('; ')}
                        </span>
                      )}
                    </td>
                    <td>{STATUS_LABELS[r.status]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </div>
  )
}
