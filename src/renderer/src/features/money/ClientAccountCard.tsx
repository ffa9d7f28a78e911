import { useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import { useAuthStatus } from '../../api/auth'
import { moneyKeys } from '../../api/money'
import { formatPence } from '../setup/time-ranges'
import { ClientPackages } from './ClientPackages'
import { invoiceHref } from './money-route'

/**
 * On the client page, for reception and the owner: what they owe, their credit, invoices,
 * and their packages.
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
  const account = useQuery({
    queryKey: moneyKeys.account(clientId),
    queryFn: () => api.call('money.account', { clientId }),
    enabled: till,
  })
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
      <ClientPackages clientId={clientId} clientName={clientName} isOwner={role === 'owner'} />
    </section>
  )
}
