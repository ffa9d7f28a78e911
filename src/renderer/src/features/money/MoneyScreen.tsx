import './money.css'
import { formatClinic } from '../../../../shared/diary/wall-clock'
import { useInvoices } from '../../api/money'
import { Icon } from '../../components/Icon'
import { useAuthStatus } from '../../api/auth'
import { CashUpSection } from './CashUpSection'
import { VouchersSection } from './VouchersSection'
import { useClinicTimeZone } from '../diary/use-clinic-time-zone'
import { formatPence } from '../../../../shared/money/pounds'
import { InvoiceForm } from './InvoiceForm'
import { InvoiceView } from './InvoiceView'
import { invoiceHref, useMoneyRoute } from './money-route'
import { OutstandingList } from './OutstandingList'
import { errorWords } from '../../components/rpc-form-errors'

const TABS = [
  { status: 'all', href: '#/money', label: 'Invoices' },
  { status: 'draft', href: '#/money/drafts', label: 'Drafts' },
  { status: 'outstanding', href: '#/money/outstanding', label: 'Outstanding' },
  { status: 'vouchers', href: '#/money/vouchers', label: 'Gift vouchers' },
  { status: 'cash-up', href: '#/money/cash-up', label: 'Cash-up' },
] as const

/** Invoices, drafts and what is still owed; new invoices by hand. Owner and reception. */
export function MoneyScreen() {
  const route = useMoneyRoute()
  const role = useAuthStatus().data?.user?.role
  if (route.view === 'new') return <InvoiceForm />
  if (route.view === 'invoice') return <InvoiceView key={route.id} id={route.id} />
  const current = route.view === 'list' ? route.status : route.view
  return (
    <>
      <header className="page-header client-header">
        <div>
          <h1>Money</h1>
          <p className="page-subtitle">
            Invoices, payments and what is still owed. Card payments go through your own terminal;
            Plinth records them.
          </p>
        </div>
        <div className="header-actions">
          <a className="button primary" href="#/money/new">
            <Icon name="plus" size={16} /> New invoice
          </a>
        </div>
      </header>
      <nav className="tabs" aria-label="Money sections">
        {TABS.filter((t) => t.status !== 'cash-up' || role === 'owner').map((t) => (
          <a
            key={t.status}
            href={t.href}
            className="tab"
            aria-current={t.status === current ? 'page' : undefined}
          >
            {t.label}
          </a>
        ))}
      </nav>
      {route.view === 'vouchers' ? (
        <VouchersSection />
      ) : route.view === 'cash-up' ? (
        <CashUpSection />
      ) : route.status === 'outstanding' ? (
        <OutstandingList />
      ) : (
        <InvoiceTable status={route.status} />
      )}
    </>
  )
}

function InvoiceTable({ status }: { status: 'all' | 'draft' }) {
  const list = useInvoices(status)
  const tz = useClinicTimeZone()
  if (list.isPending) return <p className="muted">Loading…</p>
  if (list.isError) return <p className="banner banner-error">{errorWords(list.error)}</p>
  const rows = list.data.rows
  if (rows.length === 0) {
    return (
      <p className="muted">
        {status === 'draft'
          ? 'No drafts.'
          : 'No invoices yet. Take payment from an appointment, or make one by hand.'}
      </p>
    )
  }
  return (
    <div className="table-wrap card">
      <table className="table">
        <caption className="visually-hidden">
          {status === 'draft' ? 'Draft invoices' : 'Invoices'}
        </caption>
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Date</th>
            <th scope="col">Client</th>
            <th scope="col">Billed to</th>
            <th scope="col" className="num">
              Total
            </th>
            <th scope="col" className="num">
              Due
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <a href={invoiceHref(r.id)}>{r.number ?? `Draft #${r.id}`}</a>
              </td>
              <td>{formatClinic(r.issuedAt ?? r.createdAt, 'd MMM yyyy', tz)}</td>
              <td>{r.clientName}</td>
              <td>{r.billToName}</td>
              <td className="num">{formatPence(r.grossPence)}</td>
              <td className="num">
                {r.status === 'draft' ? '—' : r.duePence > 0 ? formatPence(r.duePence) : 'Paid'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
