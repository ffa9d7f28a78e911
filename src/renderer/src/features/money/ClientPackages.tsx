import './packages.css'
import { useState } from 'react'
import type { ClientPackage, PackageSession } from '../../../../shared/contract/packages'
import { formatClinic } from '../../../../shared/diary/wall-clock'
import { packageStanding } from '../../../../shared/money/package-words'
import { useClientPackages, useReversePackageUse } from '../../api/packages'
import { Field } from '../../components/Field'
import { errorWords } from '../../components/rpc-form-errors'
import { useClinicTimeZone } from '../diary/use-clinic-time-zone'
import { formatPence } from '../setup/time-ranges'
import { invoiceHref } from './money-route'
import { RefundPackageDialog } from './RefundPackageDialog'
import { SellPackageDialog } from './SellPackageDialog'

/**
 * In the client's account card: each package with its sessions left and last day, what was
 * used when; "Sell a package"; the owner's "Refund unused"; undoing a session used by mistake.
 */
export function ClientPackages({
  clientId,
  clientName,
  isOwner,
}: {
  clientId: number
  clientName: string
  isOwner: boolean
}) {
  const packages = useClientPackages(clientId)
  const [selling, setSelling] = useState(false)
  const [refunding, setRefunding] = useState<ClientPackage | null>(null)
  const list = packages.data ?? []
  return (
    <div className="client-packages" aria-labelledby="packages-title">
      <div className="client-packages-head">
        <h3 id="packages-title">Packages</h3>
        <button type="button" className="button secondary" onClick={() => setSelling(true)}>
          Sell a package
        </button>
      </div>
      {list.length === 0 ? (
        <p className="muted">No packages.</p>
      ) : (
        <ul className="package-list">
          {list.map((p) => (
            <li key={p.id} className="client-package">
              <strong>{p.name}</strong> ·{' '}
              <span className={p.left > 0 && !p.expired && !p.refunded ? '' : 'muted'}>
                {packageStanding(p)}
              </span>{' '}
              · <a href={invoiceHref(p.invoiceId)}>{p.invoiceNumber}</a>
              {isOwner && !p.refunded && p.left > 0 && (
                <>
                  {' '}
                  <button
                    type="button"
                    className="button link"
                    onClick={() => setRefunding(p)}
                    aria-label={`Refund the unused part of ${p.name}`}
                  >
                    Refund unused · {formatPence(p.unusedValuePence)}
                  </button>
                </>
              )}
              {p.history.length > 0 && <SessionHistory pkg={p} />}
            </li>
          ))}
        </ul>
      )}
      {selling && (
        <SellPackageDialog
          clientId={clientId}
          clientName={clientName}
          onClose={() => setSelling(false)}
        />
      )}
      {refunding && <RefundPackageDialog pkg={refunding} onClose={() => setRefunding(null)} />}
    </div>
  )
}

function SessionHistory({ pkg }: { pkg: ClientPackage }) {
  const tz = useClinicTimeZone()
  const when = (iso: string) => formatClinic(iso, 'd MMM yyyy, HH:mm', tz)
  const line = (s: PackageSession) => {
    if (s.kind === 'use') {
      return `Used for the appointment of ${s.appointmentAt ? when(s.appointmentAt) : '—'}${s.reversed ? ' (undone)' : ''}`
    }
    if (s.kind === 'reversal') return `Session given back: ${s.reason}`
    return `${-s.sessions} unused refunded: ${s.reason}`
  }
  return (
    <details className="package-history">
      <summary>Sessions ({pkg.sessions - pkg.left} used)</summary>
      <ul className="package-list">
        {pkg.history.map((s) => (
          <li key={s.id}>
            {line(s)}{' '}
            <span className="muted">
              · {when(s.at)}
              {s.byName ? ` by ${s.byName}` : ''}
            </span>{' '}
            {s.kind === 'use' && !s.reversed && !pkg.refunded && <UndoUse session={s} />}
          </li>
        ))}
      </ul>
    </details>
  )
}

/** "Undo" a session used by mistake: a reason, then a reversal (nothing is deleted). */
function UndoUse({ session }: { session: PackageSession }) {
  const reverse = useReversePackageUse()
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  if (!open) {
    return (
      <button type="button" className="button link" onClick={() => setOpen(true)}>
        Undo
      </button>
    )
  }
  return (
    <form
      className="payment-row"
      aria-label="Undo a session used"
      onSubmit={(e) => {
        e.preventDefault()
        setError(null)
        reverse
          .mutateAsync({ sessionId: session.id, reason })
          .catch((err: unknown) => setError(errorWords(err, 'That did not work.')))
      }}
    >
      <Field label="Why undo it" error={error ?? undefined}>
        <input
          maxLength={200}
          value={reason}
          autoFocus
          onChange={(e) => setReason(e.target.value)}
        />
      </Field>
      <button type="submit" className="button secondary" disabled={reverse.isPending}>
        Undo use
      </button>
      <button type="button" className="button link" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  )
}
