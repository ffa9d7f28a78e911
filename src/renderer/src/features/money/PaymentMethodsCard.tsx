import { useState } from 'react'
import type { PaymentMethod } from '../../../../shared/contract/money-values'
import { RpcError } from '../../../../shared/rpc'
import { useAllPaymentMethods, useSaveMethod } from '../../api/money'
import { ErrorBanner } from '../../components/ErrorBanner'

/** Rename, switch off or add payment methods (Dojo, PayPal, cheque). */
export function PaymentMethodsCard() {
  const methods = useAllPaymentMethods()
  const save = useSaveMethod()
  const [adding, setAdding] = useState('')
  const [error, setError] = useState<string | null>(null)

  async function run(input: Parameters<typeof save.mutateAsync>[0]) {
    setError(null)
    try {
      await save.mutateAsync(input)
      return true
    } catch (e) {
      setError(e instanceof RpcError ? e.message : 'That did not work.')
      return false
    }
  }

  return (
    <section className="card stack" aria-labelledby="methods-title">
      <h2 className="card-title" id="methods-title">
        Payment methods
      </h2>
      <ErrorBanner message={error} />
      {(methods.data ?? []).map((m) => (
        <MethodRow key={m.id} method={m} onSave={run} />
      ))}
      <form
        className="payment-row"
        aria-label="Add a payment method"
        onSubmit={(e) => {
          e.preventDefault()
          void run({ name: adding, kind: 'other' }).then((ok) => ok && setAdding(''))
        }}
      >
        <div className="field">
          <label htmlFor="method-new">New method</label>
          <input
            id="method-new"
            maxLength={40}
            value={adding}
            onChange={(e) => setAdding(e.target.value)}
          />
        </div>
        <button type="submit" className="button secondary">
          Add
        </button>
      </form>
    </section>
  )
}

function MethodRow({
  method,
  onSave,
}: {
  method: PaymentMethod
  onSave(input: { id: number; name: string; active: boolean }): Promise<boolean>
}) {
  const [name, setName] = useState(method.name)
  return (
    <div className="payment-row">
      <div className="field">
        <label htmlFor={`method-${method.id}`}>Method name</label>
        <input
          id={`method-${method.id}`}
          maxLength={40}
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={() =>
            name !== method.name && void onSave({ id: method.id, name, active: method.active })
          }
        />
      </div>
      {method.kind !== 'account_credit' && (
        <label className="check">
          <input
            type="checkbox"
            checked={method.active}
            onChange={(e) => void onSave({ id: method.id, name, active: e.target.checked })}
          />
          In use
        </label>
      )}
    </div>
  )
}
