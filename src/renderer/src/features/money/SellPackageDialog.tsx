import { useState } from 'react'
import { RpcError } from '../../../../shared/rpc'
import { expiryText } from '../../../../shared/money/package-words'
import { usePaymentMethods } from '../../api/money'
import { usePackageTypes, useSellPackage } from '../../api/packages'
import { ErrorBanner } from '../../components/ErrorBanner'
import { Field } from '../../components/Field'
import { Modal } from '../../components/Modal'
import { formatPence } from '../setup/time-ranges'
import { DonePanel } from './DonePanel'
import { PrintInvoiceButton } from './PrintInvoiceButton'

/** Methods that are money: a package is paid for in full at the desk. */
const MONEY = new Set(['card', 'cash', 'bank_transfer', 'other', 'account_credit'])

/**
 * Reception sells a package at the desk: which one, paid how (in full); the invoice is
 * issued and paid in one step and the client has the sessions straight away.
 */
export function SellPackageDialog({
  clientId,
  clientName,
  onClose,
}: {
  clientId: number
  clientName: string
  onClose(): void
}) {
  const types = usePackageTypes()
  const methods = usePaymentMethods()
  const sell = useSellPackage()
  const money = (methods.data ?? []).filter((m) => MONEY.has(m.kind))
  const [typeId, setTypeId] = useState<number | null>(null)
  const [methodId, setMethodId] = useState<number | null>(null)
  const [reference, setReference] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [done, setDone] = useState<{ line: string; invoiceId: number } | null>(null)
  const type = (types.data ?? []).find((t) => t.id === (typeId ?? types.data?.[0]?.id))

  async function submit() {
    setMessage(null)
    setErrors({})
    if (!type) return setMessage('Choose a package (the owner adds them under Settings → Money).')
    try {
      const r = await sell.mutateAsync({
        clientId,
        packageTypeId: type.id,
        payments: [{ methodId: methodId ?? money[0]!.id, amountPence: type.pricePence, reference }],
      })
      setDone({
        invoiceId: r.invoice.id,
        line: `Sold ${r.package.name} on ${r.invoice.number ?? ''} · ${r.package.left} sessions, expires ${expiryText(r.package.expiresOn)}`,
      })
    } catch (e) {
      if (e instanceof RpcError) {
        setErrors(Object.fromEntries(e.fieldErrors.map((f) => [f.path, f.message])))
      }
      setMessage(e instanceof Error ? e.message : 'That did not work; nothing was sold.')
    }
  }

  return (
    <Modal title={`Sell a package · ${clientName}`} onClose={onClose}>
      {done ? (
        <DonePanel
          onClose={onClose}
          actions={<PrintInvoiceButton invoiceId={done.invoiceId} label="Print receipt" />}
        >
          {done.line}
        </DonePanel>
      ) : (
        <form
          className="stack"
          aria-label="Sell a package"
          onSubmit={(e) => {
            e.preventDefault()
            void submit()
          }}
        >
          <ErrorBanner message={message} />
          <Field label="Package" error={errors['packageTypeId']}>
            <select
              data-autofocus
              value={type?.id ?? ''}
              onChange={(e) => setTypeId(Number(e.target.value))}
            >
              {(types.data ?? []).map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} · {formatPence(t.pricePence)} · {t.validMonths} months
                </option>
              ))}
            </select>
          </Field>
          <div className="payment-row">
            <Field label="Paid by" error={errors['payments']}>
              <select
                value={methodId ?? money[0]?.id ?? ''}
                onChange={(e) => setMethodId(Number(e.target.value))}
              >
                {money.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Reference">
              <input
                maxLength={60}
                placeholder="Optional"
                value={reference}
                onChange={(e) => setReference(e.target.value)}
              />
            </Field>
          </div>
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={sell.isPending || !type}>
              Sell · {formatPence(type?.pricePence ?? 0)}
            </button>
          </div>
        </form>
      )}
    </Modal>
  )
}
