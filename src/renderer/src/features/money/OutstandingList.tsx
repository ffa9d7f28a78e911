import { useState } from 'react'
import { formatClinic } from '../../../../shared/diary/wall-clock'
import { formatPence } from '../../../../shared/money/pounds'
import { OUTSTANDING_PAGE, useOutstanding } from '../../api/money'
import { errorWords } from '../../components/rpc-form-errors'
import { useClinicTimeZone } from '../diary/use-clinic-time-zone'
import { invoiceHref } from './money-route'
import { PayInvoicesDialog } from './PayInvoicesDialog'

const BUCKETS = ['0-30', '31-60', '61-90', '90+'] as const
const count = new Intl.NumberFormat('en-GB')

/**
 * Issued invoices still owed, oldest first, aged, with the client's phone to chase: a page
 * of 100 at a time (a clinic may have thousands owing), with what is owed by age over all of
 * them. Ticking invoices of one client and "Pay…" takes one payment for them.
 */
export function OutstandingList() {
  const [offset, setOffset] = useState(0)
  const out = useOutstanding(offset)
  const tz = useClinicTimeZone()
  const [picked, setPicked] = useState<{ clientId: number; name: string; ids: number[] } | null>(
    null,
  )
  const [paying, setPaying] = useState(false)
  if (out.isPending) return <p className="muted">Loading…</p>
  if (out.isError) return <p className="banner banner-error">{errorWords(out.error)}</p>
  const { rows, totals, more } = out.data
  const total = out.data.count

  function toggle(r: (typeof rows)[number], on: boolean) {
    const ids = new Set(picked?.ids ?? [])
    if (on) ids.add(r.invoiceId)
    else ids.delete(r.invoiceId)
    setPicked(ids.size === 0 ? null : { clientId: r.clientId, name: r.clientName, ids: [...ids] })
  }

  return (
    <div className="stack">
      <dl className="ageing" aria-label="Owed by age">
        {BUCKETS.map((b) => (
          <div key={b}>
            <dt>{b} days</dt>
            <dd>{formatPence(totals[b] ?? 0)}</dd>
          </div>
        ))}
      </dl>
      {total === 0 ? (
        <p className="muted">Nothing is owed.</p>
      ) : (
        <>
          <div className="list-toolbar">
            <p className="muted" role="status">
              {picked
                ? `${picked.ids.length} of ${picked.name}’s invoices ticked`
                : 'Tick invoices of one client to take one payment for them.'}
            </p>
            {picked && (
              <>
                <button type="button" className="button primary" onClick={() => setPaying(true)}>
                  Pay {picked.ids.length} invoice{picked.ids.length === 1 ? '' : 's'}…
                </button>
                <button type="button" className="button link" onClick={() => setPicked(null)}>
                  Clear
                </button>
              </>
            )}
          </div>
          <div className="table-wrap card">
            <table className="table">
              <caption className="visually-hidden">Outstanding invoices</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">Pay</span>
                  </th>
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
                {rows.map((r) => {
                  const other = picked !== null && picked.clientId !== r.clientId
                  return (
                    <tr key={r.invoiceId}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Pay ${r.number}`}
                          title={other ? 'One client’s invoices at a time' : undefined}
                          disabled={other}
                          checked={picked?.ids.includes(r.invoiceId) ?? false}
                          onChange={(e) => toggle(r, e.target.checked)}
                        />
                      </td>
                      <td>
                        <a href={invoiceHref(r.invoiceId)}>{r.number}</a>
                      </td>
                      <td>{formatClinic(r.issuedAt, 'd MMM yyyy', tz)}</td>
                      <td>{r.ageDays} days</td>
                      <td>{r.clientName}</td>
                      <td>{r.clientPhone || '—'}</td>
                      <td className="num">{formatPence(r.duePence)}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label="Pages of outstanding invoices">
            <button
              type="button"
              className="button secondary"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - OUTSTANDING_PAGE))}
            >
              Previous
            </button>
            <span>
              {count.format(offset + 1)}–{count.format(offset + rows.length)} of{' '}
              {count.format(total)}
            </span>
            <button
              type="button"
              className="button secondary"
              disabled={!more}
              onClick={() => setOffset(offset + OUTSTANDING_PAGE)}
            >
              Next
            </button>
          </nav>
        </>
      )}
      {paying && picked && (
        <PayInvoicesDialog
          clientId={picked.clientId}
          clientName={picked.name}
          selected={picked.ids}
          onClose={() => {
            setPaying(false)
            setPicked(null)
          }}
        />
      )}
    </div>
  )
}
