import { useState } from 'react'
import type { AfterCorrection } from '../../../../shared/contract/money'
import type { LedgerEntry } from '../../../../shared/contract/money-values'
import { formatPence, parsePounds, poundsText } from '../../../../shared/money/pounds'
import { RpcError } from '../../../../shared/rpc'
import { usePaymentMethods, useRefund } from '../../api/money'
import { ErrorBanner } from '../../components/ErrorBanner'
import { checkAmountAndReason } from './correction-checks'
import { Field } from '../../components/Field'

/** A correction done, said as the balance it left. */
export interface Corrected {
  message: string
}

/** "INV-000001 now has £10.00 due; account credit £10.00." */
export function balanceAfter(after: AfterCorrection): string {
  const credit = `account credit ${formatPence(after.creditPence)}`
  const inv = after.invoice
  if (!inv) return `The client owes ${formatPence(after.owesPence)}; ${credit}.`
  const due =
    inv.duePence > 0
      ? `now has ${formatPence(inv.duePence)} due`
      : inv.duePence < 0
        ? `has ${formatPence(-inv.duePence)} owed to the client`
        : 'is paid in full'
  return `${inv.number ?? 'The invoice'} ${due}; ${credit}.`
}

/**
 * The owner gives back part or all of one payment: to the method it was paid with (the card
 * terminal's refund is done there; Plinth records it) or to the client's account credit.
 * Gift voucher and credit payments go back as credit.
 */
export function RefundForm({
  entry,
  clientId,
  maxPence,
  onCancel,
  onDone,
}: {
  entry: LedgerEntry
  clientId: number
  /** What is left to refund of this payment, and no more than the invoice was paid. */
  maxPence: number
  onCancel(): void
  onDone(done: Corrected): void
}) {
  const methods = usePaymentMethods()
  const refund = useRefund()
  const credit = methods.data?.find((m) => m.kind === 'account_credit')
  const toMethod = entry.methodKind !== 'gift_voucher' && entry.methodKind !== 'account_credit'
  const [amount, setAmount] = useState(poundsText(maxPence))
  const [to, setTo] = useState<'method' | 'credit'>(toMethod ? 'method' : 'credit')
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)

  async function submit() {
    setFormError(null)
    const { pence, errors: found } = checkAmountAndReason(amount, maxPence, reason)
    setErrors(found)
    if (Object.keys(found).length > 0 || !credit) return
    try {
      const after = await refund.mutateAsync({
        clientId,
        invoiceId: entry.invoiceId,
        entryId: entry.id,
        methodId: to === 'credit' ? credit.id : entry.methodId,
        amountPence: pence,
        reason,
      })
      onDone({
        message: `Refunded ${formatPence(pence)} ${to === 'credit' ? 'to account credit' : `to ${entry.methodName}`}. ${balanceAfter(after)}`,
      })
    } catch (e) {
      if (e instanceof RpcError) {
        setErrors(Object.fromEntries(e.fieldErrors.map((f) => [f.path, f.message])))
        setFormError(e.message)
      } else setFormError('That did not work; nothing was refunded.')
    }
  }

  const pence = parsePounds(amount)
  return (
    <form
      className="correction-form"
      aria-label="Refund"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <ErrorBanner message={formError} />
      <Field
        label="Amount to refund (£)"
        hint={`Up to ${formatPence(maxPence)} of this ${formatPence(entry.amountPence)} payment`}
        error={errors['amountPence']}
      >
        <input
          inputMode="decimal"
          autoComplete="off"
          autoFocus
          value={amount}
          onFocus={(e) => e.target.select()}
          onChange={(e) => setAmount(e.target.value)}
        />
      </Field>
      <fieldset className="choice-group">
        <legend>Give it back</legend>
        {toMethod && (
          <label>
            <input
              type="radio"
              name={`refund-to-${entry.id}`}
              checked={to === 'method'}
              onChange={() => setTo('method')}
            />{' '}
            To {entry.methodName}, the way it was paid
          </label>
        )}
        <label>
          <input
            type="radio"
            name={`refund-to-${entry.id}`}
            checked={to === 'credit'}
            onChange={() => setTo('credit')}
          />{' '}
          To the client’s account credit
        </label>
      </fieldset>
      <Field label="Reason" error={errors['reason']}>
        <input maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <div className="form-actions">
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={refund.isPending}>
          Refund {pence ? formatPence(Math.min(pence, maxPence)) : ''}
        </button>
      </div>
    </form>
  )
}
