import { useState } from 'react'
import type { ClientSummary } from '../../../../shared/contract/clients'
import { formatPence, parsePounds } from '../../../../shared/money/pounds'
import { RpcError } from '../../../../shared/rpc'
import { useServices } from '../../api/diary'
import { useIssueInvoice, useProducts, useSaveDraft } from '../../api/money'
import { ErrorBanner } from '../../components/ErrorBanner'
import { ClientLookup } from '../clients/ClientLookup'
import { InvoiceLinesEditor, type LineDraft } from './InvoiceLinesEditor'
import { invoiceHref } from './money-route'

const blankLine = (): LineDraft => ({
  kind: 'text',
  serviceId: 0,
  productId: 0,
  description: '',
  quantity: '1',
  unit: '',
})

/**
 * An invoice by hand: the client, who pays (them, or an employer, club or insurer with an
 * address and a reference), and lines for services or free text (a foam roller).
 */
export function InvoiceForm() {
  const services = useServices()
  const products = useProducts()
  const save = useSaveDraft()
  const issue = useIssueInvoice()
  const [client, setClient] = useState<ClientSummary | null>(null)
  const [billKind, setBillKind] = useState<'client' | 'third_party'>('client')
  const [bill, setBill] = useState({ name: '', address: '', reference: '' })
  const [lines, setLines] = useState<LineDraft[]>([blankLine()])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)

  const total = lines.reduce(
    (s, l) => s + (parsePounds(l.unit) ?? 0) * (Number.parseInt(l.quantity, 10) || 0),
    0,
  )

  async function submit(andIssue: boolean) {
    setFormError(null)
    const found: Record<string, string> = {}
    if (!client) found['clientId'] = 'Choose the client'
    const parsed = lines.map((l, i) => {
      const unitPence = parsePounds(l.unit)
      const quantity = Number.parseInt(l.quantity, 10)
      if (unitPence === null) found[`lines.${i}.unitPence`] = 'Enter a price, e.g. 55.00'
      if (!(quantity >= 1)) found[`lines.${i}.quantity`] = 'At least 1'
      return {
        kind: l.kind,
        serviceId: l.kind === 'service' ? l.serviceId || null : null,
        productId: l.kind === 'product' ? l.productId || null : null,
        description: l.description,
        quantity: Number.isFinite(quantity) ? quantity : 0,
        unitPence: unitPence ?? 0,
      }
    })
    setErrors(found)
    if (Object.keys(found).length > 0 || !client) return
    try {
      const draft = await save.mutateAsync({
        clientId: client.id,
        billTo: { kind: billKind, ...bill },
        lines: parsed,
      })
      if (andIssue) await issue.mutateAsync({ id: draft.id })
      window.location.hash = invoiceHref(draft.id)
    } catch (e) {
      if (e instanceof RpcError) {
        setErrors(Object.fromEntries(e.fieldErrors.map((f) => [f.path, f.message])))
        setFormError(e.message)
      } else setFormError('That did not work; nothing was saved. Please try again.')
    }
  }

  return (
    <>
      <header className="page-header">
        <p className="breadcrumb">
          <a href="#/money">Money</a>
        </p>
        <h1>New invoice</h1>
        <p className="page-subtitle">It gets its number when you issue it.</p>
      </header>
      <form
        className="card stack invoice-form"
        aria-label="New invoice"
        onSubmit={(e) => {
          e.preventDefault()
          void submit(true)
        }}
      >
        <ErrorBanner message={formError} />
        {client ? (
          <p>
            Client: <strong>{client.displayName}</strong>{' '}
            <button type="button" className="button link" onClick={() => setClient(null)}>
              Change
            </button>
          </p>
        ) : (
          <div className={errors['clientId'] ? 'field has-error' : 'field'}>
            <div onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}>
              {/* Enter in the search opens a result; it must never submit this form. */}
              <ClientLookup autoFocus label="Client" onOpen={(c) => setClient(c)} />
            </div>
            {errors['clientId'] && (
              <p className="field-error" role="alert">
                {errors['clientId']}
              </p>
            )}
          </div>
        )}
        <fieldset className="fieldset">
          <legend>Bill to</legend>
          <label className="check">
            <input
              type="radio"
              checked={billKind === 'client'}
              onChange={() => setBillKind('client')}
            />
            The client
          </label>
          <label className="check">
            <input
              type="radio"
              checked={billKind === 'third_party'}
              onChange={() => setBillKind('third_party')}
            />
            Someone else (employer, club, insurer)
          </label>
        </fieldset>
        {billKind === 'third_party' && (
          <div className="two-cards">
            <div className={errors['billTo.name'] ? 'field has-error' : 'field'}>
              <label htmlFor="bill-name">Name</label>
              <input
                id="bill-name"
                value={bill.name}
                maxLength={120}
                onChange={(e) => setBill({ ...bill, name: e.target.value })}
              />
              {errors['billTo.name'] && (
                <p className="field-error" role="alert">
                  {errors['billTo.name']}
                </p>
              )}
            </div>
            <div className="field">
              <label htmlFor="bill-ref">Reference (membership or authorisation number)</label>
              <input
                id="bill-ref"
                value={bill.reference}
                maxLength={60}
                onChange={(e) => setBill({ ...bill, reference: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor="bill-address">Address</label>
              <textarea
                id="bill-address"
                rows={3}
                value={bill.address}
                maxLength={500}
                onChange={(e) => setBill({ ...bill, address: e.target.value })}
              />
            </div>
          </div>
        )}
        <InvoiceLinesEditor
          lines={lines}
          services={services.data ?? []}
          products={products.data ?? []}
          errors={errors}
          onChange={setLines}
          onAdd={() => setLines([...lines, blankLine()])}
        />
        <p className="invoice-total">
          Total <strong>{formatPence(total)}</strong>
        </p>
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={() => void submit(false)}>
            Save draft
          </button>
          <button type="submit" className="button primary">
            Issue invoice
          </button>
        </div>
      </form>
    </>
  )
}
