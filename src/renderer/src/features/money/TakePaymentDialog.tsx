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
import { keepTill, keptTill } from '../diary/diary-kept'
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
  // The money form is there at once, its amount focused: keys typed while the methods and
  // packages load land in it, never in a "Loading…" line (a fault found under load). Its rows
  // live here so that switching to and from the package view keeps what was typed.
  const [initialRows] = useState<PaymentRow[]>(() => [
    { key: 0, methodId: 0, amount: poundsText(target.duePence), reference: '' },
  ])
  // What was typed before a lock comes back (diary-kept.ts); forgotten once paid or closed.
  const [rows, setRowsOnly] = useState(() => keptTill(target.appointmentId) ?? initialRows)
  const setRows = (next: PaymentRow[]) => {
    setRowsOnly(next)
    keepTill(target.appointmentId, next)
  }
  const close = () => {
    keepTill(target.appointmentId, null)
    onClose()
  }
  const [choseMoney, setChoseMoney] = useState(false)
  const typed = rows !== initialRows
  const money = (onPaid?: () => void) => (
    <CheckoutForm
      target={target}
      methods={usable}
      methodsLoading={methods.isPending}
      rows={rows}
      onRows={setRows}
      onClose={close}
      onPaid={() => {
        keepTill(target.appointmentId, null)
        onPaid?.()
      }}
    />
  )
  const hasPackage = shown !== null && shown.length > 0
  return (
    <Modal title={`Take payment · ${target.clientName}`} onClose={close}>
      {hasPackage && !typed && !choseMoney ? (
        <PackageCheckout
          appointmentId={target.appointmentId}
          serviceName={target.serviceName}
          packages={shown}
          onClose={close}
          money={money}
        />
      ) : (
        <>
          {shown === null && <p className="muted">Checking for packages…</p>}
          {hasPackage && (
            <p className="checkout-package-hint">
              {target.clientName} has a package that can pay for this.{' '}
              <button
                type="button"
                className="button link"
                onClick={() => {
                  setRows(initialRows)
                  setChoseMoney(false)
                }}
              >
                Use a package session instead
              </button>
            </p>
          )}
          {money(() => setChoseMoney(true))}
        </>
      )}
    </Modal>
  )
}

function CheckoutForm({
  target,
  methods,
  methodsLoading,
  rows: given,
  onRows,
  onClose,
  onPaid,
}: {
  target: CheckoutTarget
  methods: PaymentMethod[]
  methodsLoading: boolean
  /** Method id 0: the first method, once the methods have loaded. */
  rows: PaymentRow[]
  onRows(rows: PaymentRow[]): void
  onClose(): void
  onPaid?: (() => void) | undefined
}) {
  const checkout = useCheckout()
  const nextKey = useRef(1)
  const cashGiven = useRef<HTMLInputElement>(null)
  const first = methods[0]?.id ?? 0
  const rows = useMemo(
    () => given.map((r) => (r.methodId === 0 ? { ...r, methodId: first } : r)),
    [given, first],
  )
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [done, setDone] = useState<{
    invoiceId: number
    number: string
    words: string
    toCredit: number
  } | null>(null)
  // The first amount has the focus from the start.
  const [focusKey, setFocusKey] = useState<number | null>(0)

  const entered = enteredPence(rows)
  const left = target.duePence - entered

  function split() {
    const key = nextKey.current++
    if (methods.length === 0) return
    // Nothing left to split: an empty part would only be refused at Enter (a user trial).
    if (left <= 0) {
      setFormError('Nothing is left to pay: make the first amount smaller, then split.')
      return
    }
    setFormError(null)
    onRows([...rows, splitPart(rows, methods, left, key)])
    setFocusKey(key)
  }

  async function submit() {
    setFormError(null)
    if (methods.length === 0) {
      // Enter before the methods arrive takes nothing: what was typed stays, and says so.
      setFormError(
        methodsLoading
          ? 'The payment methods are still loading: press Enter again in a moment. Nothing was taken.'
          : 'No payment method is set up: the owner adds them in Settings → Money.',
      )
      return
    }
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
        onChange={(next) => {
          onRows(next)
          // A corrected amount no longer wears the last refusal; Enter checks again.
          if (Object.keys(errors).length > 0) setErrors({})
        }}
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
