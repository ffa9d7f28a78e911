import './packages.css'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { ClientPackage } from '../../../../shared/contract/packages'
import { expiryText, packageStanding } from '../../../../shared/money/package-words'
import { useUsePackage } from '../../api/packages'
import { ErrorBanner } from '../../components/ErrorBanner'
import { errorWords } from '../../components/rpc-form-errors'
import { DonePanel } from './DonePanel'

/**
 * Take payment when the client has a package that can pay for this appointment: "Use
 * package: 3 of 5 left, expires 17 Dec 2026" is chosen, and focused, from the start, so
 * Enter uses one session; "Take money" shows the usual checkout (`money`) instead.
 */
export function PackageCheckout({
  appointmentId,
  serviceName,
  packages,
  onClose,
  money,
}: {
  appointmentId: number
  serviceName: string
  /** Soonest expiring first: the first is the default. */
  packages: ClientPackage[]
  onClose(): void
  /** The money checkout, told when it has taken the payment. */
  money(onPaid: () => void): ReactNode
}) {
  const use = useUsePackage()
  const [choice, setChoice] = useState<number | 'money'>(packages[0]!.id)
  const [paidByMoney, setPaidByMoney] = useState(false)
  const [done, setDone] = useState<ClientPackage | null>(null)
  const [error, setError] = useState<string | null>(null)
  const useButton = useRef<HTMLButtonElement>(null)
  useEffect(() => useButton.current?.focus(), [])

  if (done) {
    return (
      <DonePanel onClose={onClose}>
        Paid from package · {done.name} · {packageStanding(done)}
      </DonePanel>
    )
  }
  const chosen = packages.find((p) => p.id === choice)
  return (
    <>
      {!paidByMoney && (
        <fieldset className="pay-with">
          <legend>Pay with</legend>
          {packages.map((p) => (
            <label className="check" key={p.id}>
              <input
                type="radio"
                name="pay-with"
                checked={choice === p.id}
                onChange={() => setChoice(p.id)}
              />
              Use package: {p.left} of {p.sessions} left, expires {expiryText(p.expiresOn)}
              {packages.length > 1 && <span className="muted"> ({p.name})</span>}
            </label>
          ))}
          <label className="check">
            <input
              type="radio"
              name="pay-with"
              checked={choice === 'money'}
              onChange={() => setChoice('money')}
            />
            Take money
          </label>
        </fieldset>
      )}
      {chosen === undefined ? (
        money(() => setPaidByMoney(true))
      ) : (
        <form
          className="checkout"
          aria-label="Use a package"
          onSubmit={(e) => {
            e.preventDefault()
            setError(null)
            use
              .mutateAsync({ appointmentId, packageId: chosen.id })
              .then(setDone)
              .catch((err: unknown) =>
                setError(errorWords(err, 'That did not work; no session was used.')),
              )
          }}
        >
          <p className="checkout-what">
            {serviceName} · one session from <strong>{chosen.name}</strong>
          </p>
          <ErrorBanner message={error} />
          <div className="form-actions">
            <button
              ref={useButton}
              // Modal focuses this when it opens with the packages known; the effect above
              // when they arrive after it opened.
              data-autofocus
              type="submit"
              className="button primary"
              disabled={use.isPending}
            >
              Use 1 session <kbd>Enter</kbd>
            </button>
          </div>
        </form>
      )}
    </>
  )
}
