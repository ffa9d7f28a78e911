import { formatClinic } from '../../../../shared/diary/wall-clock'
import { useOutstanding } from '../../api/money'
import { useClinicTimeZone } from '../diary/use-clinic-time-zone'
import { formatPence } from '../../../../shared/money/pounds'
import { invoiceHref } from './money-route'
import { errorWords } from '../../components/rpc-form-errors'

const BUCKETS = ['0-30', '31-60', '61-90', '90+'] as const

/** Issued invoices still owed, oldest first, aged, with the client's phone to chase. */
export function OutstandingList() {
  const out = useOutstanding()
  const tz = useClinicTimeZone()
  if (out.isPending) return <p className="muted">Loading…</p>
  if (out.isError) return <p className="banner banner-error">{errorWords(out.error)}</p>
  return (
    <div className="stack">
      <dl className="ageing" aria-label="Owed by age">
        {BUCKETS.map((b) => (
          <div key={b}>
            <dt>{b} days</dt>
            <dd>{formatPence(out.data.totals[b] ?? 0)}</dd>
          </div>
        ))}
      </dl>
      {out.data.rows.length === 0 ? (
        <p className="muted">Nothing is owed.</p>
      ) : (
        <div className="table-wrap card">
          <table className="table">
            <caption className="visually-hidden">Outstanding invoices</caption>
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Issued</th>
                <th scope="col">Age</th>
                <th scope="col">Client</th>
                <th scope="col">Phone</th>
                <th scope="col" className="num">
                  Due
                </th>
              </tr>
            </thead>
            <tbody>
              {out.data.rows.map((r) => (
                <tr key={r.invoiceId}>
                  <td>
                    <a href={invoiceHref(r.invoiceId)}>{r.number}</a>
                  </td>
                  <td>{formatClinic(r.issuedAt, 'd MMM yyyy', tz)}</td>
                  <td>{r.ageDays} days</td>
                  <td>{r.clientName}</td>
                  <td>{r.clientPhone || '—'}</td>
                  <td className="num">{formatPence(r.duePence)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
