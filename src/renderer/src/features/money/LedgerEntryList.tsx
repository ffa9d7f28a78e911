import { useState } from 'react'
import type { LedgerEntry } from '../../../../shared/contract/money-values'
import { formatPence } from '../../../../shared/money/pounds'
import { formatClinic } from '../../../../shared/diary/wall-clock'
import { useClinicTimeZone } from '../diary/use-clinic-time-zone'
import { RefundForm, type Corrected } from './RefundForm'
import { ReverseForm } from './ReverseForm'

/** What an entry did, in words: "Refund to Card", "Account credit used", "Payment". */
function entryWords(e: LedgerEntry): string {
  if (e.kind === 'transfer') {
    return e.amountPence > 0 ? 'Paid from account credit' : 'Refund to account credit'
  }
  if (e.kind === 'refund') return `Refund to ${e.methodName}`
  if (e.kind === 'reversal') return 'Reversal'
  return e.invoiceId === null ? `${e.methodName} to account credit` : e.methodName
}

/**
 * Money movements as the clinic reads them. Nothing is ever removed: a reversed entry stays,
 * struck through, with its reversal beneath it, and a payment's refunds are listed beneath
 * the payment. The owner corrects from here: "Refund…" on a payment (when `refunds` is
 * given: on an invoice), "Reverse…" on any entry that is not a reversal and not yet reversed.
 */
export function LedgerEntryList({
  entries,
  clientId,
  canCorrect,
  refunds,
  showInvoice = false,
  onCorrected,
}: {
  entries: LedgerEntry[]
  clientId: number
  /** The owner: main refuses anyone else too. */
  canCorrect: boolean
  /** What the invoice has been paid: no refund may exceed it. Omit to offer no refunds. */
  refunds?: { paidPence: number } | undefined
  showInvoice?: boolean
  onCorrected(done: Corrected): void
}) {
  const tz = useClinicTimeZone()
  const [open, setOpen] = useState<{ id: number; form: 'refund' | 'reverse' } | null>(null)
  const ids = new Set(entries.map((e) => e.id))
  const parentOf = (e: LedgerEntry) =>
    e.reversesId !== null && ids.has(e.reversesId)
      ? e.reversesId
      : e.refundOfId !== null && ids.has(e.refundOfId)
        ? e.refundOfId
        : null
  const childrenOf = (id: number) => entries.filter((e) => parentOf(e) === id)

  function row(e: LedgerEntry) {
    const text = (
      <>
        {formatClinic(e.at, 'd MMM yyyy HH:mm', tz)} · {entryWords(e)} ·{' '}
        <span className="num">{formatPence(e.amountPence)}</span>
        {showInvoice && e.invoiceNumber && <> · {e.invoiceNumber}</>}
        {e.reference && <> · {e.reference}</>}
        {e.reason && <> · “{e.reason}”</>}
        {e.byName && <span className="muted"> · {e.byName}</span>}
      </>
    )
    const refundable = refunds ? Math.min(e.refundablePence, refunds.paidPence) : 0
    const canReverse = canCorrect && e.kind !== 'reversal' && !e.reversed
    const kids = childrenOf(e.id)
    return (
      <li key={e.id} className="ledger-entry">
        <div className="ledger-line">
          {e.reversed ? (
            <span className="struck">
              <s>{text}</s> <span className="tag">Reversed</span>
            </span>
          ) : (
            <span>{text}</span>
          )}
          {canCorrect && refundable > 0 && (
            <button
              type="button"
              className="button link"
              aria-label={`Refund the ${formatPence(e.amountPence)} ${e.methodName} payment`}
              onClick={() => setOpen({ id: e.id, form: 'refund' })}
            >
              Refund…
            </button>
          )}
          {canReverse && (
            <button
              type="button"
              className="button link"
              aria-label={`Reverse ${entryWords(e)} of ${formatPence(e.amountPence)}`}
              onClick={() => setOpen({ id: e.id, form: 'reverse' })}
            >
              Reverse…
            </button>
          )}
        </div>
        {open?.id === e.id && open.form === 'refund' && (
          <RefundForm
            entry={e}
            clientId={clientId}
            maxPence={refundable}
            onCancel={() => setOpen(null)}
            onDone={(done) => {
              setOpen(null)
              onCorrected(done)
            }}
          />
        )}
        {open?.id === e.id && open.form === 'reverse' && (
          <ReverseForm
            entry={e}
            onCancel={() => setOpen(null)}
            onDone={(done) => {
              setOpen(null)
              onCorrected(done)
            }}
          />
        )}
        {kids.length > 0 && <ul className="ledger-children">{kids.map(row)}</ul>}
      </li>
    )
  }

  return <ul className="ledger-list">{entries.filter((e) => parentOf(e) === null).map(row)}</ul>
}
