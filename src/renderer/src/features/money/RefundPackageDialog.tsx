import { useState } from 'react'
import type { ClientPackage } from '../../../../shared/contract/packages'
import { RpcError } from '../../../../shared/rpc'
import { usePaymentMethods } from '../../api/money'
import { useRefundPackage } from '../../api/packages'
import { ErrorBanner } from '../../components/ErrorBanner'
import { Field } from '../../components/Field'
import { Modal } from '../../components/Modal'
import { formatPence } from '../setup/time-ranges'
import { DonePanel } from './DonePanel'

/** Where a refund can go: back by a method, or onto the client's account credit. */
const BACK_TO = new Set(['card', 'cash', 'bank_transfer', 'other', 'account_credit'])

/**
 * The owner refunds what is left of a package: the unused sessions' share of the price,
 * worked out in main (pro rata), as a credit note on the invoice it was sold on, given back
 * by a method or as account credit. The package is then closed.
 */
export function RefundPackageDialog({ pkg, onClose }: { pkg: ClientPackage; onClose(): void }) {
  const methods = usePaymentMethods()
  const refund = useRefundPackage()
  const back = (methods.data ?? []).filter((m) => BACK_TO.has(m.kind))
  const [methodId, setMethodId] = useState<number | null>(null)
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)

  async function submit() {
    setMessage(null)
    setErrors({})
    try {
      const r = await refund.mutateAsync({
        packageId: pkg.id,
        methodId: methodId ?? back[0]?.id ?? 0,
        reason,
      })
      setDone(`Refunded ${formatPence(r.refundedPence)} · credit note ${r.creditNoteNumber}`)
    } catch (e) {
      if (e instanceof RpcError) {
        setErrors(Object.fromEntries(e.fieldErrors.map((f) => [f.path, f.message])))
      }
      setMessage(e instanceof Error ? e.message : 'That did not work; nothing was refunded.')
    }
  }

  return (
    <Modal title={`Refund unused · ${pkg.name}`} onClose={onClose}>
      {done ? (
        <DonePanel onClose={onClose}>{done}</DonePanel>
      ) : (
        <form
          className="stack"
          aria-label="Refund the unused part"
          onSubmit={(e) => {
            e.preventDefault()
            void submit()
          }}
        >
          <p>
            {pkg.left} of {pkg.sessions} sessions unused:{' '}
            <strong>{formatPence(pkg.unusedValuePence)}</strong> back ({formatPence(pkg.pricePence)}{' '}
            × {pkg.left}/{pkg.sessions}), as a credit note on {pkg.invoiceNumber}. The package is
            then closed.
          </p>
          <ErrorBanner message={message} />
          <Field label="Give it back by" error={errors['methodId'] ?? errors['amountPence']}>
            <select
              data-autofocus
              value={methodId ?? back[0]?.id ?? ''}
              onChange={(e) => setMethodId(Number(e.target.value))}
            >
              {back.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Reason" error={errors['reason']}>
            <input maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <div className="form-actions">
            <button type="submit" className="button danger" disabled={refund.isPending}>
              Refund {formatPence(pkg.unusedValuePence)}
            </button>
          </div>
        </form>
      )}
    </Modal>
  )
}
