import { useState } from 'react'
import {
  REASON_MIN,
  REASON_TOO_SHORT,
  type LedgerEntry,
} from '../../../../shared/contract/money-values'
import { formatPence } from '../../../../shared/money/pounds'
import { RpcError } from '../../../../shared/rpc'
import { useReverse } from '../../api/money'
import { ErrorBanner } from '../../components/ErrorBanner'
import { Field } from '../../components/Field'
import { balanceAfter, type Corrected } from './RefundForm'

/**
 * The owner corrects a mistaken entry (cash that was card, a payment on the wrong invoice)
 * by a new entry that is its exact opposite, with a reason. The entry stays on record.
 */
export function ReverseForm({
  entry,
  onCancel,
  onDone,
}: {
  entry: LedgerEntry
  onCancel(): void
  onDone(done: Corrected): void
}) {
  const reverse = useReverse()
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [formError, setFormError] = useState<string | null>(null)

  async function submit() {
    setFormError(null)
    if (reason.trim().length < REASON_MIN) {
      setError(REASON_TOO_SHORT)
      return
    }
    setError(null)
    try {
      const after = await reverse.mutateAsync({ entryId: entry.id, reason })
      onDone({
        message: `Reversed ${formatPence(entry.amountPence)} ${entry.methodName}. ${balanceAfter(after)}`,
      })
    } catch (e) {
      if (e instanceof RpcError) {
        setError(e.fieldErrors.find((f) => f.path === 'reason')?.message ?? null)
        setFormError(e.message)
      } else setFormError('That did not work; nothing was changed.')
    }
  }

  return (
    <form
      className="correction-form"
      aria-label="Reverse"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <p className="muted">
        The entry stays on record, struck through, with the reversal beneath it. A reversal cannot
        itself be reversed: if this one is a mistake, take the payment again.
      </p>
      <ErrorBanner message={formError} />
      <Field label="Reason" error={error ?? undefined}>
        <input
          maxLength={200}
          autoFocus
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Field>
      <div className="form-actions">
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button danger" disabled={reverse.isPending}>
          Reverse {formatPence(entry.amountPence)}
        </button>
      </div>
    </form>
  )
}
