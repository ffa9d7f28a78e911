import { STATUS_LABELS, type DaySheet } from '../../../../shared/contract/appointment-values'
import { formatClinic } from '../../../../shared/diary/wall-clock'
import { Icon } from '../../components/Icon'

/** The day's bookings per therapist, laid out for paper (see the print rules in diary.css). */
export function DaySheetTables({ sheet, timeZone }: { sheet: DaySheet; timeZone: string }) {
  return (
    <>
      {sheet.therapists.map((t) => (
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
                      {formatClinic(r.startsAt, 'HH:mm', timeZone)}–
                      {formatClinic(r.endsAt, 'HH:mm', timeZone)}
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
    </>
  )
}
