import './money.css'
import { useMemo, useRef, useState } from 'react'
import type { PaymentMethod } from '../../../../shared/contract/money-values'
import { parsePounds, poundsText } from '../../../../shared/money/pounds'
import { RpcError } from '../../../../shared/rpc'
import { useCheckout, usePaymentMethods } from '../../api/money'
import { useAppointmentPackages } from '../../api/packages'
import { ErrorBanner } from '../../components/ErrorBanner'
import { Modal } from '../../components/Modal'
import { formatPence } from '../setup/time-ranges'
import { DonePanel } from './DonePanel'
import { PackageCheckout } from './PackageCheckout'
import { isVoucher, PaymentRows, type PaymentRow } from './PaymentRows'
import { PrintInvoiceButton } from './PrintInvoiceButton'

/** Packages are used by sessions (PackageCheckout), not typed amounts. */
const TYPED_KINDS = new Set([
  'card',
  'cash',
  'bank_transfer',
  'other',
  'account_credit',
  'gift_voucher',
])

export interface CheckoutTarget {
  appointmentId: number
  clientName: string
  serviceName: string
  duePence: number
}

/**
 * Reception's checkout: one dialog, by keyboard. It opens on the amount (the full price by
 * card); Enter takes it. "Split" (Alt+S) adds a method with what is left, so £20 cash and
 * £35 card is: 20, Shift+Tab, ↓ to Cash, Alt+S, Enter. Paying more than is due puts the
 * rest on the client's account credit, and the dialog says so before Enter.
 */
export function TakePaymentDialog({
  target,
  onClose,
}: {
  target: CheckoutTarget
  onClose(): void
}) {
  const methods = usePaymentMethods()
  const packages = useAppointmentPackages(target.appointmentId)
  const usable = useMemo(
    () => (methods.data ?? []).filter((m) => TYPED_KINDS.has(m.kind)),
    [methods.data],
  )
  const money = (onPaid?: () => void) => (
    <CheckoutForm target={target} methods={usable} onClose={onClose} onPaid={onPaid} />
  )
  return (
    <Modal title={`Take payment · ${target.clientName}`} onClose={onClose}>
      {methods.isPending || packages.isPending ? (
        <p className="muted">Loading…</p>
      ) : packages.data && packages.data.length > 0 ? (
        <PackageCheckout
          appointmentId={target.appointmentId}
          serviceName={target.serviceName}
          packages={packages.data}
          onClose={onClose}
          money={money}
        />
      ) : (
        money()
      )}
    </Modal>
  )
}

function CheckoutForm({
  target,
  methods,
  onClose,
  onPaid,
}: {
  target: CheckoutTarget
  methods: PaymentMethod[]
  onClose(): void
  onPaid?: (() => void) | undefined
}) {
  const checkout = useCheckout()
  const nextKey = useRef(1)
  const [rows, setRows] = useState<PaymentRow[]>([
    { key: 0, methodId: methods[0]?.id ?? 0, amount: poundsText(target.duePence), reference: '' },
  ])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [done, setDone] = useState<{
    invoiceId: number
    number: string
    lines: string[]
    toCredit: number
  } | null>(null)
  // The first amount has the focus from the start (the form mounts after the methods load).
  const [focusKey, setFocusKey] = useState<number | null>(0)

  const entered = rows.reduce((s, r) => s + (parsePounds(r.amount) ?? 0), 0)
  const left = target.duePence - entered

  function split() {
    const used = new Set(rows.map((r) => r.methodId))
    const method = methods.find(
      (m) => !used.has(m.id) && m.kind !== 'account_credit' && m.kind !== 'gift_voucher',
    )
    const key = nextKey.current++
    setRows([
      ...rows,
      {
        key,
        methodId: method?.id ?? methods[0]?.id ?? 0,
        amount: left > 0 ? poundsText(left) : '',
        reference: '',
      },
    ])
    setFocusKey(key)
  }

  async function submit() {
    setFormError(null)
    const found: Record<string, string> = {}
    const payments = rows.map((r, i) => {
      const pence = parsePounds(r.amount)
      if (pence === null || pence === 0)
        found[`payments.${i}.amountPence`] = 'Enter an amount, e.g. 35.00'
      return isVoucher(methods, r)
        ? { methodId: r.methodId, amountPence: pence ?? 0, voucherCode: r.reference }
        : { methodId: r.methodId, amountPence: pence ?? 0, reference: r.reference }
    })
    setErrors(found)
    if (Object.keys(found).length > 0) return
    try {
      const r = await checkout.mutateAsync({ appointmentId: target.appointmentId, payments })
      const byId = new Map(methods.map((m) => [m.id, m.name]))
      setDone({
        invoiceId: r.invoice.id,
        number: r.invoice.number ?? '',
        lines: payments.map(
          (p) => `${byId.get(p.methodId) ?? 'Other'} ${formatPence(p.amountPence)}`,
        ),
        toCredit: r.toCreditPence,
      })
      onPaid?.()
    } catch (e) {
      if (e instanceof RpcError) {
        setErrors(Object.fromEntries(e.fieldErrors.map((f) => [f.path, f.message])))
        setFormError(e.message)
      } else setFormError('That did not work; nothing was taken. Please try again.')
    }
  }

  if (done) {
    return (
      <DonePanel
        onClose={onClose}
        actions={<PrintInvoiceButton invoiceId={done.invoiceId} label="Print receipt" />}
      >
        Paid · {done.number} · {done.lines.join(' + ')}
        {done.toCredit > 0 && <> · {formatPence(done.toCredit)} to account credit</>}
      </DonePanel>
    )
  }

  return (
    <form
      className="checkout"
      aria-label="Take payment"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
      onKeyDown={(e) => {
        if (e.altKey && e.key.toLowerCase() === 's') {
          e.preventDefault()
          split()
        }
      }}
    >
      <p className="checkout-what">
        {target.serviceName} · <strong>{formatPence(target.duePence)}</strong> due
      </p>
      <ErrorBanner message={formError} />
      <PaymentRows
        rows={rows}
        methods={methods}
        errors={errors}
        focusKey={focusKey}
        onChange={setRows}
      />
      <p className="checkout-left" role="status" aria-live="polite">
        {left > 0
          ? `Left to pay: ${formatPence(left)} (stays due on the invoice)`
          : left < 0
            ? `${formatPence(-left)} more than is due goes to account credit`
            : 'Paid in full'}
      </p>
      <div className="form-actions">
        <button
          type="button"
          className="button secondary"
          onClick={split}
          aria-keyshortcuts="Alt+S"
        >
          Split <kbd>Alt+S</kbd>
        </button>
        <button type="submit" className="button primary" disabled={checkout.isPending}>
          Take {formatPence(entered)} <kbd>Enter</kbd>
        </button>
      </div>
    </form>
  )
}
