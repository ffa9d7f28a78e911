import { useEffect, useRef } from 'react'
import type { PaymentMethod } from '../../../../shared/contract/money-values'

export interface PaymentRow {
  key: number
  methodId: number
  /** As typed, in pounds: "35", "35.00". */
  amount: string
  reference: string
}

/** A gift voucher's part of a payment carries the voucher's code in its reference box. */
export function isVoucher(methods: PaymentMethod[], row: PaymentRow): boolean {
  return methods.find((m) => m.id === row.methodId)?.kind === 'gift_voucher'
}

/**
 * The parts of one payment: a method and an amount each (and the terminal's receipt number
 * if they want it). The first row's amount is where typing starts.
 */
export function PaymentRows({
  rows,
  methods,
  errors,
  focusKey,
  onChange,
}: {
  rows: PaymentRow[]
  methods: PaymentMethod[]
  errors: Record<string, string>
  /** The row just added by "Split": its amount gets the focus. */
  focusKey: number | null
  onChange(rows: PaymentRow[]): void
}) {
  const amounts = useRef(new Map<number, HTMLInputElement>())
  useEffect(() => {
    if (focusKey === null) return
    const input = amounts.current.get(focusKey)
    input?.focus()
    input?.select()
  }, [focusKey])
  const set = (key: number, change: Partial<PaymentRow>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...change } : r)))

  return (
    <div className="payment-rows">
      {rows.map((row, i) => {
        const error = errors[`payments.${i}.amountPence`] ?? errors[`payments.${i}.methodId`]
        const n = rows.length > 1 ? ` ${i + 1}` : ''
        return (
          <div className="payment-row" key={row.key}>
            <div className="field">
              <label htmlFor={`pay-method-${row.key}`}>Method{n}</label>
              <select
                id={`pay-method-${row.key}`}
                value={row.methodId}
                onChange={(e) => set(row.key, { methodId: Number(e.target.value) })}
              >
                {methods.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </div>
            <div className={error ? 'field has-error' : 'field'}>
              <label htmlFor={`pay-amount-${row.key}`}>Amount{n} (£)</label>
              <input
                id={`pay-amount-${row.key}`}
                ref={(el) => {
                  if (el) amounts.current.set(row.key, el)
                  else amounts.current.delete(row.key)
                }}
                inputMode="decimal"
                autoComplete="off"
                value={row.amount}
                {...(i === 0 ? { 'data-autofocus': true } : {})}
                onFocus={(e) => e.target.select()}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `pay-amount-${row.key}-error` : undefined}
                onChange={(e) => set(row.key, { amount: e.target.value })}
              />
              {error && (
                <p className="field-error" id={`pay-amount-${row.key}-error`} role="alert">
                  {error}
                </p>
              )}
            </div>
            <div className="field">
              <label htmlFor={`pay-ref-${row.key}`}>
                {isVoucher(methods, row) ? 'Voucher code' : 'Reference'}
                {n}
              </label>
              <input
                id={`pay-ref-${row.key}`}
                autoComplete="off"
                maxLength={60}
                placeholder={isVoucher(methods, row) ? 'GV-XXXX-XXXX' : 'Optional'}
                value={row.reference}
                onChange={(e) => set(row.key, { reference: e.target.value })}
              />
            </div>
            {rows.length > 1 && (
              <button
                type="button"
                className="button link"
                aria-label={`Remove payment${n}`}
                onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
              >
                Remove
              </button>
            )}
          </div>
        )
      })}
    </div>
  )
}
