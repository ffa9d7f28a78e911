import { useMemo, useRef, useState } from 'react'
import type { OpenInvoice } from '../../../../shared/contract/money'
import type { PaymentMethod } from '../../../../shared/contract/money-values'
import { allocate, tenderKindOf } from '../../../../shared/money/allocation'
import { formatPence, parsePounds, poundsText } from '../../../../shared/money/pounds'
import { formatClinic } from '../../../../shared/diary/wall-clock'
import { useClientAccount, usePaymentMethods, useTakePayment } from '../../api/money'
import { ErrorBanner } from '../../components/ErrorBanner'
import { Modal } from '../../components/Modal'
import { useClinicTimeZone } from '../diary/use-clinic-time-zone'
import { AllocationPreview } from './AllocationPreview'
import { CashChange } from './CashChange'
import { DonePanel } from './DonePanel'
import {
  enteredPence,
  partsInWords,
  refusalOf,
  splitPart,
  tendersOf,
  onTillKey,
} from './payment-parts'
import { PaymentRows, type PaymentRow } from './PaymentRows'
import { TillActions } from './TillActions'

/**
 * One payment for several of a client's open invoices (reception and the owner): tick the
 * invoices (Space), type the amount, split it with Alt+S (£20 cash + £35 card), and see how
 * it will be spread, oldest invoice first, before pressing Enter. More than is due goes to
 * the client's account credit, and the dialog says so first.
 */
export function PayInvoicesDialog({
  clientId,
  clientName,
  selected,
  onClose,
}: {
  clientId: number
  clientName: string
  /** Invoices ticked when the dialog opens; all open ones when omitted. */
  selected?: number[] | undefined
  onClose(): void
}) {
  const account = useClientAccount(clientId)
  const methods = usePaymentMethods()
  const usable = useMemo(
    () => (methods.data ?? []).filter((m) => m.kind !== 'package'),
    [methods.data],
  )
  // Kept here: paying refetches the account, whose open invoices are then gone.
  const [done, setDone] = useState<string | null>(null)
  return (
    <Modal title={`Pay invoices · ${clientName}`} onClose={onClose} wide>
      {done ? (
        <DonePanel onClose={onClose}>{done}</DonePanel>
      ) : account.isPending ? (
        <p className="muted">Loading…</p>
      ) : account.isError ? (
        <ErrorBanner message={account.error.message} />
      ) : account.data.open.length === 0 ? (
        <p className="muted">{clientName} has no invoices to pay.</p>
      ) : (
        <PayForm
          clientId={clientId}
          open={account.data.open}
          creditPence={account.data.creditPence}
          initial={selected ?? account.data.open.map((i) => i.id)}
          methods={usable}
          onPaid={setDone}
        />
      )}
    </Modal>
  )
}

function PayForm({
  clientId,
  open,
  creditPence,
  initial,
  methods,
  onPaid,
}: {
  clientId: number
  open: OpenInvoice[]
  creditPence: number
  initial: number[]
  methods: PaymentMethod[]
  /** Told what was taken, in words, once main has it. */
  onPaid(words: string): void
}) {
  const tz = useClinicTimeZone()
  const take = useTakePayment()
  const nextKey = useRef(1)
  const cashGiven = useRef<HTMLInputElement>(null)
  const [ticked, setTicked] = useState(
    () => new Set(initial.filter((id) => open.some((i) => i.id === id))),
  )
  const chosen = open.filter((i) => ticked.has(i.id))
  const dueTotal = chosen.reduce((s, i) => s + i.duePence, 0)
  const firstMethod = methods.find((m) => m.kind === 'card') ?? methods[0]
  // Until the amount is typed in, it follows the invoices ticked.
  const [typed, setTyped] = useState<PaymentRow[] | null>(null)
  // Method id 0: the first method once they have loaded (the form does not wait for them).
  const rows = (
    typed ?? [{ key: 0, methodId: 0, amount: poundsText(dueTotal), reference: '' }]
  ).map((r) => (r.methodId === 0 ? { ...r, methodId: firstMethod?.id ?? 0 } : r))
  // The first amount has the focus from the start (the form mounts once the account loads).
  const [focusKey, setFocusKey] = useState<number | null>(0)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)

  const kindOf = (methodId: number) =>
    tenderKindOf(methods.find((m) => m.id === methodId)?.kind ?? 'other')
  const plan = allocate(
    chosen.map((i) => ({ id: i.id, duePence: i.duePence })),
    rows.map((r) => ({ kind: kindOf(r.methodId), amountPence: parsePounds(r.amount) ?? 0 })),
  )
  const entered = enteredPence(rows)

  function split() {
    if (methods.length === 0) return
    const key = nextKey.current++
    setTyped([...rows, splitPart(rows, methods, dueTotal - entered, key)])
    setFocusKey(key)
  }

  async function submit() {
    setFormError(null)
    if (methods.length === 0) {
      setFormError(
        'No payment methods yet (still loading, or none set up in Settings → Money). Nothing was taken.',
      )
      return
    }
    const { payments, errors: found } = tendersOf(rows, methods)
    if (chosen.length === 0) found['invoiceIds'] = 'Tick at least one invoice'
    setErrors(found)
    if (Object.keys(found).length > 0) return
    try {
      const r = await take.mutateAsync({
        clientId,
        invoiceIds: chosen.map((i) => i.id),
        payments,
      })
      onPaid(
        `Paid · ${chosen.map((i) => i.number).join(', ')} · ${partsInWords(payments, methods)}${r.toCreditPence > 0 ? ` · ${formatPence(r.toCreditPence)} to account credit` : ''}`,
      )
    } catch (e) {
      const refused = refusalOf(e)
      setErrors(refused.errors)
      setFormError(refused.message)
    }
  }

  return (
    <form
      className="checkout"
      aria-label="Pay invoices"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
      onKeyDown={(e) => onTillKey(e, split, () => cashGiven.current?.focus())}
    >
      <ErrorBanner message={formError} />
      <fieldset className={errors['invoiceIds'] ? 'invoice-picks has-error' : 'invoice-picks'}>
        <legend>Invoices to pay, oldest first</legend>
        {open.map((i) => (
          <label key={i.id}>
            <input
              type="checkbox"
              checked={ticked.has(i.id)}
              onChange={(e) => {
                const next = new Set(ticked)
                if (e.target.checked) next.add(i.id)
                else next.delete(i.id)
                setTicked(next)
              }}
            />{' '}
            {i.number} · {formatClinic(i.issuedAt, 'd MMM yyyy', tz)} ·{' '}
            <strong>{formatPence(i.duePence)}</strong> due
          </label>
        ))}
        {errors['invoiceIds'] && (
          <p className="field-error" role="alert">
            {errors['invoiceIds']}
          </p>
        )}
      </fieldset>
      <p className="checkout-what">
        {chosen.length} invoice{chosen.length === 1 ? '' : 's'} ·{' '}
        <strong>{formatPence(dueTotal)}</strong> due
        {creditPence > 0 && <> · {formatPence(creditPence)} account credit to use</>}
      </p>
      <PaymentRows
        rows={rows}
        methods={methods}
        errors={errors}
        focusKey={focusKey}
        onChange={setTyped}
      />
      <CashChange ref={cashGiven} rows={rows} methods={methods} />
      <AllocationPreview invoices={chosen} plan={plan} dueTotal={dueTotal} entered={entered} />
      <TillActions onSplit={split} enteredPence={entered} busy={take.isPending} />
    </form>
  )
}
