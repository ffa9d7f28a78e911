import { useState } from 'react'
import { formatPence } from '../../../../shared/money/pounds'
import { useAuthStatus } from '../../api/auth'
import { useClientAccount } from '../../api/money'
import { DoneNote } from '../../components/ErrorBanner'
import { ClientPackages } from './ClientPackages'
import { LedgerEntryList } from './LedgerEntryList'
import { invoiceHref } from './money-route'
import { PayInvoicesDialog } from './PayInvoicesDialog'

/**
 * On the client page, for reception and the owner: what they owe, their credit, their
 * invoices, "Pay invoices…" for one payment across the open ones, their packages, and the
 * account's history (where the owner reverses a mistaken entry).
 */
export function ClientAccountCard({
  clientId,
  clientName,
}: {
  clientId: number
  clientName: string
}) {
  const role = useAuthStatus().data?.user?.role
  const till = role === 'owner' || role === 'reception'
  const account = useClientAccount(clientId, till)
  const [paying, setPaying] = useState(false)
  const [corrected, setCorrected] = useState<string | null>(null)
  if (!till || !account.data) return null
  const a = account.data
  return (
    <section className="card" aria-labelledby="account-title">
      <h2 className="card-title" id="account-title">
        Account
      </h2>
      <p>
        Owes <strong>{formatPence(a.owesPence)}</strong> · Account credit{' '}
        <strong>{formatPence(a.creditPence)}</strong>
      </p>
      {a.open.length > 0 && (
        <div className="form-actions">
          <button type="button" className="button primary" onClick={() => setPaying(true)}>
            Pay invoices… ({a.open.length} open)
          </button>
        </div>
      )}
      {a.invoices.length === 0 ? (
        <p className="muted">No invoices yet.</p>
      ) : (
        <ul className="plain-list">
          {a.invoices.slice(0, 8).map((i) => (
            <li key={i.id}>
              <a href={invoiceHref(i.id)}>{i.number ?? `Draft #${i.id}`}</a> ·{' '}
              {formatPence(i.grossPence)}
              {i.status === 'issued' &&
                (i.duePence > 0 ? ` · ${formatPence(i.duePence)} due` : ' · paid')}
            </li>
          ))}
        </ul>
      )}
      <DoneNote message={corrected} />
      {a.entries.length > 0 && (
        <details className="account-history">
          <summary>
            Account history ({a.entries.length === 50 ? 'latest 50' : a.entries.length} entries)
          </summary>
          <LedgerEntryList
            entries={a.entries}
            clientId={clientId}
            canCorrect={role === 'owner'}
            showInvoice
            onCorrected={(done) => setCorrected(done.message)}
          />
        </details>
      )}
      {paying && (
        <PayInvoicesDialog
          clientId={clientId}
          clientName={clientName}
          onClose={() => setPaying(false)}
        />
      )}
      <ClientPackages clientId={clientId} clientName={clientName} isOwner={role === 'owner'} />
    </section>
  )
}
