import { useState } from 'react'
import { VAT_RATE_LABELS, type Invoice } from '../../../../shared/contract/money-values'
import { formatClinic } from '../../../../shared/diary/wall-clock'
import { useAuthStatus } from '../../api/auth'
import { useDiscardDraft, useInvoice, useIssueInvoice } from '../../api/money'
import { DoneNote, ErrorBanner } from '../../components/ErrorBanner'
import { useClinicTimeZone } from '../diary/use-clinic-time-zone'
import { formatPence } from '../../../../shared/money/pounds'
import { CreditNoteForm } from './CreditNoteForm'
import { InvoicePaymentForm } from './InvoicePaymentForm'
import { LedgerEntryList } from './LedgerEntryList'
import { PrintInvoiceButton } from './PrintInvoiceButton'
import { errorWords } from '../../components/rpc-form-errors'

/** One invoice: lines, totals (per VAT rate when registered), credit notes and payments. */
export function InvoiceView({ id }: { id: number }) {
  const invoice = useInvoice(id)
  const role = useAuthStatus().data?.user?.role
  const issue = useIssueInvoice()
  const discard = useDiscardDraft()
  const [error, setError] = useState<string | null>(null)
  const [panel, setPanel] = useState<'pay' | 'credit' | null>(null)
  const [corrected, setCorrected] = useState<string | null>(null)
  const tz = useClinicTimeZone()
  const inv = invoice.data

  async function run(work: () => Promise<unknown>) {
    setError(null)
    try {
      await work()
    } catch (e) {
      setError(errorWords(e, 'That did not work; please try again.'))
    }
  }

  if (invoice.isPending) return <p className="muted">Loading…</p>
  if (!inv) return <p className="banner banner-error">{invoice.error?.message ?? 'Not found'}</p>
  return (
    <>
      <header className="page-header client-header">
        <div>
          <p className="breadcrumb">
            <a href="#/money">Money</a>
          </p>
          <h1>{inv.number ?? `Draft invoice #${inv.id}`}</h1>
          <p className="page-subtitle">
            {inv.clientName}
            {inv.issuedAt && <> · issued {formatClinic(inv.issuedAt, 'd MMM yyyy', tz)}</>}
            {inv.issuedByName && <> by {inv.issuedByName}</>}
          </p>
        </div>
        <div className="header-actions">
          <PrintInvoiceButton
            invoiceId={inv.id}
            label={
              inv.status === 'issued' && inv.duePence <= 0 && inv.paidPence > 0
                ? 'Print receipt'
                : 'Print invoice'
            }
          />
          {inv.status === 'draft' && (
            <>
              <button
                type="button"
                className="button primary"
                onClick={() => void run(() => issue.mutateAsync({ id }))}
              >
                Issue invoice
              </button>
              <button
                type="button"
                className="button danger"
                onClick={() =>
                  void run(async () => {
                    await discard.mutateAsync({ id })
                    window.location.hash = '#/money/drafts'
                  })
                }
              >
                Discard draft
              </button>
            </>
          )}
          {inv.status === 'issued' && inv.duePence > 0 && (
            <button type="button" className="button primary" onClick={() => setPanel('pay')}>
              Take payment
            </button>
          )}
          {inv.status === 'issued' && role === 'owner' && inv.creditedPence < inv.grossPence && (
            <button type="button" className="button secondary" onClick={() => setPanel('credit')}>
              Credit note…
            </button>
          )}
        </div>
      </header>
      <ErrorBanner message={error} />
      {panel === 'pay' && <InvoicePaymentForm invoice={inv} onDone={() => setPanel(null)} />}
      {panel === 'credit' && <CreditNoteForm invoice={inv} onDone={() => setPanel(null)} />}
      <section className="card stack">
        {inv.billTo.kind === 'third_party' || inv.status === 'issued' ? (
          <p>
            Billed to <strong>{inv.billTo.name}</strong>
            {inv.billTo.reference && <> · ref. {inv.billTo.reference}</>}
            {inv.billTo.address && (
              <span className="muted"> · {inv.billTo.address.replace(/\n/g, ', ')}</span>
            )}
          </p>
        ) : null}
        <LinesTable inv={inv} />
      </section>
      {inv.creditNotes.length > 0 && (
        <section className="card">
          <h2 className="card-title">Credit notes</h2>
          <ul className="plain-list">
            {inv.creditNotes.map((n) => (
              <li key={n.id}>
                {n.number} · {formatClinic(n.issuedAt, 'd MMM yyyy', tz)} ·{' '}
                {formatPence(n.grossPence)} · {n.reason}
              </li>
            ))}
          </ul>
        </section>
      )}
      {(inv.payments.length > 0 || corrected) && (
        <section className="card" aria-labelledby="invoice-payments-title">
          <h2 className="card-title" id="invoice-payments-title">
            Payments
          </h2>
          <DoneNote message={corrected} />
          <LedgerEntryList
            entries={inv.payments}
            clientId={inv.clientId}
            canCorrect={role === 'owner'}
            refunds={{ paidPence: inv.paidPence }}
            onCorrected={(done) => setCorrected(done.message)}
          />
        </section>
      )}
    </>
  )
}

function LinesTable({ inv }: { inv: Invoice }) {
  return (
    <table className="table">
      <caption className="visually-hidden">Invoice lines</caption>
      <thead>
        <tr>
          <th scope="col">Description</th>
          <th scope="col" className="num">
            Qty
          </th>
          <th scope="col" className="num">
            Unit price
          </th>
          {inv.vatRegistered && <th scope="col">VAT rate</th>}
          {inv.vatRegistered && (
            <th scope="col" className="num">
              VAT
            </th>
          )}
          <th scope="col" className="num">
            Amount
          </th>
        </tr>
      </thead>
      <tbody>
        {inv.lines.map((l) => (
          <tr key={l.id}>
            <td>{l.description}</td>
            <td className="num">{l.quantity}</td>
            <td className="num">{formatPence(l.unitPence)}</td>
            {inv.vatRegistered && (
              <td>
                {VAT_RATE_LABELS[l.vatRate]}
                {l.vatBp > 0 && ` ${l.vatBp / 100}%`}
              </td>
            )}
            {inv.vatRegistered && <td className="num">{formatPence(l.vatPence)}</td>}
            <td className="num">{formatPence(l.grossPence)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        {inv.vatRegistered && (
          <tr>
            <th scope="row" colSpan={5}>
              Net · VAT ({inv.vatNumber})
            </th>
            <td className="num">
              {formatPence(inv.netPence)} · {formatPence(inv.vatPence)}
            </td>
          </tr>
        )}
        <Total label="Total" pence={inv.grossPence} span={inv.vatRegistered ? 5 : 3} />
        {inv.creditedPence > 0 && (
          <Total label="Credited" pence={-inv.creditedPence} span={inv.vatRegistered ? 5 : 3} />
        )}
        {inv.status === 'issued' && (
          <>
            <Total label="Paid" pence={inv.paidPence} span={inv.vatRegistered ? 5 : 3} />
            <Total
              label={inv.duePence < 0 ? 'Owed to the client' : 'Balance due'}
              pence={Math.abs(inv.duePence)}
              span={inv.vatRegistered ? 5 : 3}
            />
          </>
        )}
      </tfoot>
    </table>
  )
}

function Total({ label, pence, span }: { label: string; pence: number; span: number }) {
  return (
    <tr>
      <th scope="row" colSpan={span}>
        {label}
      </th>
      <td className="num">{formatPence(pence)}</td>
    </tr>
  )
}
