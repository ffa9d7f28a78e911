import { useState } from 'react'
import type { ClientSummary } from '../../../../shared/contract/clients'
import { formatClinic } from '../../../../shared/diary/wall-clock'
import { formatPence, parsePounds } from '../../../../shared/money/pounds'
import { usePaymentMethods, useSellVoucher, useVouchers } from '../../api/money'
import { DoneNote, ErrorBanner } from '../../components/ErrorBanner'
import { ClientLookup } from '../clients/ClientLookup'
import { useClinicTimeZone } from '../diary/use-clinic-time-zone'
import { errorWords } from '../../components/rpc-form-errors'
import { api } from '../../api/client'
import { PdfButton } from './PdfButton'

/** Gift vouchers: sell one (paid in full), and every voucher with what is left on it. */
export function VouchersSection() {
  const list = useVouchers()
  const tz = useClinicTimeZone()
  return (
    <div className="stack">
      <SellVoucherForm />
      <section className="card stack" aria-labelledby="vouchers-title">
        <h2 className="card-title" id="vouchers-title">
          Vouchers · {formatPence(list.data?.unredeemedPence ?? 0)} unredeemed
        </h2>
        {(list.data?.rows ?? []).length === 0 ? (
          <p className="muted">No vouchers sold yet.</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">Gift vouchers</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Bought by</th>
                <th scope="col">For</th>
                <th scope="col">Expires</th>
                <th scope="col" className="num">
                  Value
                </th>
                <th scope="col" className="num">
                  Left
                </th>
                <th scope="col">
                  <span className="visually-hidden">Print</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data!.rows.map((v) => (
                <tr key={v.id}>
                  <td>
                    <code>{v.code}</code>
                  </td>
                  <td>{v.buyerName}</td>
                  <td>{v.recipientName || '—'}</td>
                  <td>
                    {formatClinic(`${v.expiresOn}T12:00:00Z`, 'd MMM yyyy', tz)}
                    {v.expired && ' (expired)'}
                  </td>
                  <td className="num">{formatPence(v.valuePence)}</td>
                  <td className="num">{formatPence(v.balancePence)}</td>
                  <td>
                    <PdfButton
                      label="PDF"
                      ariaLabel={`PDF of voucher ${v.code}`}
                      make={() => api.call('vouchers.pdf', { id: v.id })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  )
}

function SellVoucherForm() {
  const methods = usePaymentMethods()
  const sell = useSellVoucher()
  const money = (methods.data ?? []).filter((m) =>
    ['card', 'cash', 'bank_transfer', 'other'].includes(m.kind),
  )
  const [buyer, setBuyer] = useState<ClientSummary | null>(null)
  const [value, setValue] = useState('50.00')
  const [recipient, setRecipient] = useState('')
  const [methodId, setMethodId] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)

  async function submit() {
    setError(null)
    setDone(null)
    const pence = parsePounds(value)
    if (!buyer) return setError('Choose who is buying it.')
    if (!pence) return setError('Enter the value, e.g. 50.00')
    try {
      const r = await sell.mutateAsync({
        clientId: buyer.id,
        valuePence: pence,
        recipientName: recipient,
        payments: [{ methodId: methodId ?? money[0]!.id, amountPence: pence }],
      })
      setDone(`Sold ${r.voucher.code} for ${formatPence(pence)} (${r.invoice.number})`)
      setBuyer(null)
      setRecipient('')
    } catch (e) {
      setError(errorWords(e, 'That did not work; nothing was sold.'))
    }
  }

  return (
    <form
      className="card stack"
      aria-label="Sell a gift voucher"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <h2 className="card-title">Sell a gift voucher</h2>
      <ErrorBanner message={error} />
      <DoneNote message={done} />
      {buyer ? (
        <p>
          Bought by <strong>{buyer.displayName}</strong>{' '}
          <button type="button" className="button link" onClick={() => setBuyer(null)}>
            Change
          </button>
        </p>
      ) : (
        <div onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}>
          {/* Enter in the search opens a result; it must never submit this form. */}
          <ClientLookup label="Bought by" onOpen={(c) => setBuyer(c)} />
        </div>
      )}
      <div className="payment-row">
        <div className="field">
          <label htmlFor="voucher-value">Value (£)</label>
          <input
            id="voucher-value"
            inputMode="decimal"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="voucher-for">For (name on the voucher)</label>
          <input
            id="voucher-for"
            maxLength={120}
            value={recipient}
            onChange={(e) => setRecipient(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="voucher-method">Paid by</label>
          <select
            id="voucher-method"
            value={methodId ?? money[0]?.id ?? ''}
            onChange={(e) => setMethodId(Number(e.target.value))}
          >
            {money.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button primary" disabled={sell.isPending}>
          Sell voucher
        </button>
      </div>
    </form>
  )
}
