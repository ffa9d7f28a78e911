import { forwardRef, useId, useState } from 'react'
import type { PaymentMethod } from '../../../../shared/contract/money-values'
import { formatPence, parsePounds } from '../../../../shared/money/pounds'
import type { PaymentRow } from './PaymentRows'

/**
 * "Cash given" beside a payment with a cash part: what the client handed over, and the change
 * due back. Only a help at the till: nothing here is sent to main, so the change is never
 * recorded as takings (the cash part's amount is what the ledger gets).
 */
export const CashChange = forwardRef<
  HTMLInputElement,
  { rows: PaymentRow[]; methods: PaymentMethod[] }
>(function CashChange({ rows, methods }, ref) {
  const id = useId()
  const [given, setGiven] = useState('')
  const cashIds = new Set(methods.filter((m) => m.kind === 'cash').map((m) => m.id))
  const cashRows = rows.filter((r) => cashIds.has(r.methodId))
  if (cashRows.length === 0) return null
  const cash = cashRows.reduce((s, r) => s + (parsePounds(r.amount) ?? 0), 0)
  const givenPence = given.trim() === '' ? null : parsePounds(given)
  const words =
    given.trim() === ''
      ? null
      : givenPence === null
        ? { error: true, text: 'Enter the cash handed over, e.g. 50.00' }
        : givenPence < cash
          ? {
              error: true,
              text: `That is ${formatPence(cash - givenPence)} short of the cash part`,
            }
          : { error: false, text: `Change due: ${formatPence(givenPence - cash)}` }
  return (
    <div className={words?.error ? 'field cash-change has-error' : 'field cash-change'}>
      <label htmlFor={id}>
        Cash given (£) <kbd>Alt+G</kbd>
      </label>
      <input
        id={id}
        ref={ref}
        inputMode="decimal"
        autoComplete="off"
        value={given}
        aria-keyshortcuts="Alt+G"
        aria-describedby={`${id}-said`}
        onFocus={(e) => e.target.select()}
        onChange={(e) => setGiven(e.target.value)}
      />
      <p
        id={`${id}-said`}
        className={words?.error ? 'field-error' : 'change-due'}
        aria-live="polite"
      >
        {words?.text ?? `Cash part ${formatPence(cash)}`}
      </p>
    </div>
  )
})
