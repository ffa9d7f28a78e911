import { useState } from 'react'
import type { Invoice } from '../../../../shared/contract/money-values'
import { formatPence, poundsText } from '../../../../shared/money/pounds'
import { RpcError } from '../../../../shared/rpc'
import { useIssueCreditNote } from '../../api/money'
import { ErrorBanner } from '../../components/ErrorBanner'
import { checkAmountAndReason } from './correction-checks'
import { FormActions } from '../../components/FormActions'

/** The owner's correction to an issued invoice: a numbered credit note with a reason. */
export function CreditNoteForm({ invoice, onDone }: { invoice: Invoice; onDone(): void }) {
  const credit = useIssueCreditNote()
  const open = invoice.grossPence - invoice.creditedPence
  const [amount, setAmount] = useState(poundsText(open))
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)

  async function submit() {
    setFormError(null)
    const { pence, errors: found } = checkAmountAndReason(amount, open, reason)
    setErrors(found)
    if (Object.keys(found).length > 0) return
    try {
      await credit.mutateAsync({ invoiceId: invoice.id, amountPence: pence, reason })
      onDone()
    } catch (e) {
      if (e instanceof RpcError) {
        setErrors(Object.fromEntries(e.fieldErrors.map((f) => [f.path, f.message])))
        setFormError(e.message)
      } else setFormError('That did not work; nothing was saved.')
    }
  }

  return (
    <form
      className="card stack"
      aria-label="Credit note"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <h2 className="card-title">Credit note against {invoice.number}</h2>
      <ErrorBanner message={formError} />
      <div className={errors['amountPence'] ? 'field has-error' : 'field'}>
        <label htmlFor="credit-amount">Amount to credit (£)</label>
        <input
          id="credit-amount"
          data-autofocus
          autoFocus
          inputMode="decimal"
          value={amount}
          aria-invalid={errors['amountPence'] ? true : undefined}
          aria-describedby={
            errors['amountPence'] ? 'credit-amount-hint credit-amount-error' : 'credit-amount-hint'
          }
          onChange={(e) => setAmount(e.target.value)}
        />
        <p className="field-hint" id="credit-amount-hint">
          Up to {formatPence(open)} of {formatPence(invoice.grossPence)} can be credited
        </p>
        {errors['amountPence'] && (
          <p className="field-error" id="credit-amount-error" role="alert">
            {errors['amountPence']}
          </p>
        )}
      </div>
      <div className={errors['reason'] ? 'field has-error' : 'field'}>
        <label htmlFor="credit-reason">Reason</label>
        <input
          id="credit-reason"
          maxLength={200}
          value={reason}
          aria-invalid={errors['reason'] ? true : undefined}
          aria-describedby={errors['reason'] ? 'credit-reason-error' : undefined}
          onChange={(e) => setReason(e.target.value)}
        />
        {errors['reason'] && (
          <p className="field-error" id="credit-reason-error" role="alert">
            {errors['reason']}
          </p>
        )}
      </div>
      <FormActions onLeave={onDone} submit="Issue credit note" busy={credit.isPending} />
    </form>
  )
}
