import './money.css'
import { useMemo, useRef, useState } from 'react'
import type { PaymentMethod } from '../../../../shared/contract/money-values'
import type { ClientPackage } from '../../../../shared/contract/packages'
import { formatPence, poundsText } from '../../../../shared/money/pounds'
import { useCheckout, usePaymentMethods } from '../../api/money'
import { useAppointmentPackages } from '../../api/packages'
import { ErrorBanner } from '../../components/ErrorBanner'
import { Modal } from '../../components/Modal'
import { CashChange } from './CashChange'
import { DonePanel } from './DonePanel'
import { PackageCheckout } from './PackageCheckout'
import {
  enteredPence,
  onTillKey,
  partsInWords,
  refusalOf,
  splitPart,
  tendersOf,
} from './payment-parts'
import { PaymentRows, type PaymentRow } from './PaymentRows'
import { TillActions } from './TillActions'
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
 * £35 card is: 20, Shift+Tab, ↓ to Cash, Alt+S, Enter. With a cash part, "Cash given" (Alt+G)
 * shows the change due. Paying more than is due puts the rest on the client's account credit,
 * and the dialog says so before Enter.
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
  // The packages as the dialog opened: once one pays (or money does), every money query is
  // refetched and this appointment has no package left to offer, but the dialog must stay
  // on the form that was used, to show what was done.
  const answered = packages.data ?? (packages.isError ? [] : null) // not answered: money only
  const [offered, setOffered] = useState<ClientPackage[] | null>(null)
  if (offered === null && answered !== null) setOffered(answered)
  const shown = offered ?? answered
  const usable = useMemo(
    () => (methods.data ?? []).filter((m) => TYPED_KINDS.has(m.kind)),
    [methods.data],
  )
  const money = (onPaid?: () => void) => (
    <CheckoutForm target={target} methods={usable} onClose={onClose} onPaid={onPaid} />
  )
  return (
    <Modal title={`Take payment · ${target.clientName}`} onClose={onClose}>
      {methods.isPending || shown === null ? (
        <p className="muted">Loading…</p>
      ) : shown.length > 0 ? (
        <PackageCheckout
          appointmentId={target.appointmentId}
          serviceName={target.serviceName}
          packages={shown}
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
  const cashGiven = useRef<HTMLInputElement>(null)
  const [rows, setRows] = useState<PaymentRow[]>([
    { key: 0, methodId: methods[0]?.id ?? 0, amount: poundsText(target.duePence), reference: '' },
  ])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [done, setDone] = useState<{
    invoiceId: number
    number: string
    words: string
    toCredit: number
  } | null>(null)
  // The first amount has the focus from the start (the form mounts after the methods load).
  const [focusKey, setFocusKey] = useState<number | null>(0)

  const entered = enteredPence(rows)
  const left = target.duePence - entered

  function split() {
    const key = nextKey.current++
    setRows([...rows, splitPart(rows, methods, left, key)])
    setFocusKey(key)
  }

  async function submit() {
    setFormError(null)
    const { payments, errors: found } = tendersOf(rows, methods)
    setErrors(found)
    if (Object.keys(found).length > 0) return
    try {
      const r = await checkout.mutateAsync({ appointmentId: target.appointmentId, payments })
      setDone({
        invoiceId: r.invoice.id,
        number: r.invoice.number ?? '',
        words: partsInWords(payments, methods),
        toCredit: r.toCreditPence,
      })
      onPaid?.()
    } catch (e) {
      const refused = refusalOf(e)
      setErrors(refused.errors)
      setFormError(refused.message)
    }
  }

  if (done) {
    return (
      <DonePanel
        onClose={onClose}
        actions={<PrintInvoiceButton invoiceId={done.invoiceId} label="Print receipt" />}
      >
        Paid · {done.number} · {done.words}
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
      onKeyDown={(e) => onTillKey(e, split, () => cashGiven.current?.focus())}
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
      <CashChange ref={cashGiven} rows={rows} methods={methods} />
      <p className="checkout-left" role="status" aria-live="polite">
        {left > 0
          ? `Left to pay: ${formatPence(left)} (stays due on the invoice)`
          : left < 0
            ? `${formatPence(-left)} more than is due goes to account credit`
            : 'Paid in full'}
      </p>
      <TillActions onSplit={split} enteredPence={entered} busy={checkout.isPending} />
    </form>
  )
}
