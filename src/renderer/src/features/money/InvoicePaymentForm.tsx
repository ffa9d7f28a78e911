import { useMemo, useState } from 'react'
import type { Invoice } from '../../../../shared/contract/money-values'
import { poundsText } from '../../../../shared/money/pounds'
import { usePaymentMethods, useTakePayment } from '../../api/money'
import { ErrorBanner } from '../../components/ErrorBanner'
import { tendersOf } from './payment-parts'
import { PaymentRows, type PaymentRow } from './PaymentRows'
import { errorWords } from '../../components/rpc-form-errors'
import { FormActions } from '../../components/FormActions'

/** Paying an issued invoice (all or part) from its page, e.g. a bank transfer arriving. */
export function InvoicePaymentForm({ invoice, onDone }: { invoice: Invoice; onDone(): void }) {
  const methodList = usePaymentMethods()
  const take = useTakePayment()
  const usable = useMemo(
    () => (methodList.data ?? []).filter((m) => m.kind !== 'package'),
    [methodList.data],
  )
  const [rows, setRows] = useState<PaymentRow[] | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)
  // The form is there at once (keys typed while the methods load are kept); method id 0 is
  // the first method once they have loaded.
  const first = usable[0]?.id ?? 0
  const current = (
    rows ?? [{ key: 0, methodId: 0, amount: poundsText(invoice.duePence), reference: '' }]
  ).map((r) => (r.methodId === 0 ? { ...r, methodId: first } : r))

  async function submit() {
    setFormError(null)
    if (usable.length === 0) {
      setFormError(
        methodList.isPending
          ? 'The payment methods are still loading: try again in a moment. Nothing was taken.'
          : 'No payment method is set up: the owner adds them in Settings → Money.',
      )
      return
    }
    const { payments, errors: found } = tendersOf(current, usable)
    setErrors(found)
    if (Object.keys(found).length > 0) return
    try {
      await take.mutateAsync({ clientId: invoice.clientId, invoiceIds: [invoice.id], payments })
      onDone()
    } catch (e) {
      setFormError(errorWords(e, 'That did not work; nothing was taken.'))
    }
  }

  return (
    <form
      className="card stack"
      aria-label="Take payment"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <ErrorBanner message={formError} />
      <PaymentRows
        rows={current}
        methods={usable}
        errors={errors}
        focusKey={0}
        onChange={setRows}
      />
      <FormActions onLeave={onDone} submit="Take payment" busy={take.isPending} />
    </form>
  )
}
